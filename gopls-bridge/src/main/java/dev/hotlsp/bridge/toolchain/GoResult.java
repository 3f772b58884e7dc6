package dev.hotlsp.bridge.toolchain;

import java.time.Duration;

/** What a finished go command left: exit code, both output streams, and how long it ran. */
public record GoResult(int exitCode, String stdout, String stderr, Duration duration) {
  public boolean ok() {
    return exitCode == 0;
  }
}
