# Sourced by ./hotlsp and ./dev: the JVM flags HotLSP runs with, in one place (an AOT cache is
# only used by a JVM started with the same garbage collector as the one that trained it).
# G1 with 1 MiB regions and a heap that gives memory back: ~75 MiB RSS under the benchmark's
# request mix; large messages (MiBs) are humongous objects G1 frees at the next young GC, where
# Serial GC promoted them and grew the old generation to ~450 MiB (docs/benchmarks.md).
# JVM logging goes to stderr only: stdout is the LSP channel.
HOTLSP_JVM_FLAGS=(-XX:+UseG1GC -XX:G1HeapRegionSize=1m -Xss512k -Xms24m -Xmx2g
  -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -Xlog:disable -Xlog:all=error:stderr)
# hotlsp check is a run of seconds beside a gopls that needs both cores: C1 alone compiles what it
# runs for ~0.3 s less CPU than C1+C2 (cobra, 36 files: median 3.0 s instead of 3.7 s under load).
HOTLSP_CHECK_JVM_FLAGS=(-XX:TieredStopAtLevel=1)
