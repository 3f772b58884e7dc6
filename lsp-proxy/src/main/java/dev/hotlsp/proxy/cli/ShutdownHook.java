package dev.hotlsp.proxy.cli;

/**
 * A JVM shutdown hook for the span of one command: it runs {@code action} if the JVM is stopped
 * (SIGTERM, SIGINT, SIGHUP or {@code System.exit}) while the command runs, and is removed when the
 * command ends normally.
 */
final class ShutdownHook implements AutoCloseable {
  private final Thread thread;

  private ShutdownHook(Thread thread) {
    this.thread = thread;
  }

  static ShutdownHook install(Runnable action) {
    var thread = new Thread(action, "hotlsp-shutdown");
    Runtime.getRuntime().addShutdownHook(thread);
    return new ShutdownHook(thread);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs
    }
  }
}
