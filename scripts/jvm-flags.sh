# Sourced by ./hotlsp and ./dev: the JVM flags HotLSP runs with, in one place (an AOT cache is
# only used by a JVM started with the same garbage collector as the one that trained it).
# Small young generation and a heap that gives memory back: ~75 MiB RSS under the benchmark's
# request mix instead of ~150 MiB. JVM logging goes to stderr only: stdout is the LSP channel.
HOTLSP_JVM_FLAGS=(-XX:+UseSerialGC -Xss512k -Xms24m -Xmn12m -Xmx2g -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20
  -Xlog:disable -Xlog:all=error:stderr)
