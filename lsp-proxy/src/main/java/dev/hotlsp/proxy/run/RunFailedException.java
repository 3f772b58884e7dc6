package dev.hotlsp.proxy.run;

/** A run that could not be started (a failed build, a sandbox that would not start, a stop meanwhile). */
public final class RunFailedException extends RuntimeException {
  public RunFailedException(String message) {
    super(message);
  }
}
