package dev.hotlsp.bridge.run;

import java.io.IOException;

/** A run could not start because its sandbox cannot be set up here (reported as {@code sandbox-error}). */
public final class SandboxUnavailableException extends IOException {
  private final Isolation isolation;

  public SandboxUnavailableException(Isolation isolation, String message) {
    super(message);
    this.isolation = isolation;
  }

  public SandboxUnavailableException(Isolation isolation, String message, Throwable cause) {
    super(message, cause);
    this.isolation = isolation;
  }

  public Isolation isolation() {
    return isolation;
  }
}
