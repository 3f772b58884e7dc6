# Sourced by ./hotlsp and ./dev: the JVM flags HotLSP runs with, in one place (an AOT cache is
# only used by a JVM started with the same garbage collector as the one that trained it).
# G1 with 1 MiB regions and a heap that gives memory back: ~75 MiB RSS under the benchmark's
# request mix; large messages (MiBs) are humongous objects G1 frees at the next young GC, where
# Serial GC promoted them and grew the old generation to ~450 MiB (docs/benchmarks.md).
# JVM logging goes to stderr only: stdout is the LSP channel.
HOTLSP_JVM_FLAGS=(-XX:+UseG1GC -XX:G1HeapRegionSize=1m -Xss512k -Xms24m -Xmx2g
  -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -Xlog:disable -Xlog:all=error:stderr)
