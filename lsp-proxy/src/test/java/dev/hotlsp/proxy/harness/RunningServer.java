package dev.hotlsp.proxy.harness;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** A started language server under test: its stdio streams, its exit, and its stderr for diagnosis. */
public interface RunningServer extends AutoCloseable {
  /** What the server writes (its stdout). */
  InputStream fromServer();

  /** What the server reads (its stdin). */
  OutputStream toServer();

  /**
   * Waits until the server has ended by itself and returns its exit code; empty if it is still
   * running after {@code timeout}.
   */
  OptionalInt awaitExit(Duration timeout) throws InterruptedException;

  /**
   * The processes the server started (for the proxy: gopls), for tests that kill one. In-process
   * servers answer with this JVM's children.
   */
  Stream<ProcessHandle> descendants();

  /** The last part of what the server wrote to stderr, for failure messages. */
  String stderrTail();

  /** Stops the server if it still runs (forcibly) and releases its resources. Idempotent. */
  @Override
  void close();
}
