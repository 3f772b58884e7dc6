package dev.hotlsp.bridge.run;

/** One of a user program's two output streams. */
public enum StdStream {
  STDOUT,
  STDERR
}
