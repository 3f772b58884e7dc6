package dev.hotlsp.bridge.crash;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link CrashScanner#feed} or {@link CrashScanner#finish} gives back: the program's own
 * text that is not part of a trace, exactly as it arrived, and the crashes completed meanwhile.
 */
public record ScanOutput(String passthrough, List<Crash> crashes) {
  public ScanOutput {
    Objects.requireNonNull(passthrough, "passthrough");
    crashes = List.copyOf(crashes);
  }
}
