# Sourced by ./hotlsp and ./dev: the JVM flags HotLSP runs with, in one place (an AOT cache is
# only used by a JVM started with the same garbage collector as the one that trained it).
# G1 with 1 MiB regions and a heap that gives memory back: ~75 MiB RSS under the benchmark's
# request mix; large messages (MiBs) are humongous objects G1 frees at the next young GC, where
# Serial GC promoted them and grew the old generation to ~450 MiB (docs/benchmarks.md).
# JVM logging goes to stderr only: stdout is the LSP channel.
# C1 only (-XX:TieredStopAtLevel=1): the proxy's work per message is small and I/O-bound, and C2
# recompiling hot methods for seconds to minutes after start took a core from gopls on 2-core
# machines: one hover's added p99 +2.8 ms with C1+C2, +0.3 ms with C1 alone (perf sched showed the
# editor reader waiting for the C2 compiler thread); hotlsp check also uses ~0.3 s less CPU.
# No JVM output on the terminal (-XX:-DisplayVMOutput): a SIGQUIT (Ctrl-\, `kill -QUIT`) made the
# JVM print a thread dump on stdout — the LSP channel under serve, and over the program's output
# under run. -Xrs would keep the JVM from catching SIGQUIT but also from running shutdown hooks on
# SIGTERM/SIGINT/SIGHUP, which stop every child gracefully; Java cannot handle SIGQUIT itself, so
# `hotlsp run` watches for the terminal's Ctrl-\ with a helper in its process group (TerminalQuit).
# A JVM crash still writes its hs_err_pid file.
HOTLSP_JVM_FLAGS=(-XX:+UseG1GC -XX:G1HeapRegionSize=1m -Xss512k -Xms24m -Xmx2g
  -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1
  -Xlog:disable -Xlog:all=error:stderr -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
