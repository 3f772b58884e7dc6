package dev.hotlsp.bridge.build;

import java.nio.file.Path;
import java.util.Objects;

/** A build of {@code target} (import path) into {@code binary} has started, for {@code reason}. */
public record BuildStarted(String target, String reason, Path binary) {
  public BuildStarted {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(binary, "binary");
  }
}
