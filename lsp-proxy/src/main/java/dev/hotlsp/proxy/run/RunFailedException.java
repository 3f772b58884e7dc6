package dev.hotlsp.proxy.run;

/** A run that could not be started (a failed build, a sandbox that would not start, a stop meanwhile). */
public final class RunFailedException extends RuntimeException {
  public RunFailedException(String message) {
    super(message);
  }

  /** {@code cause}: the sandbox's failure to start the program. */
  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the program was built but the sandbox could not start it. */
  public boolean sandboxFailed() {
    return getCause() != null;
  }
}
