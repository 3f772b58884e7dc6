package dev.hotlsp.bridge.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one build of a run target. {@code binaryChanged} is true only when the build
 * succeeded and the {@link BinaryDigest} of {@code binary} (its CRCs with the build IDs masked)
 * differs from the last successful build's (or there was none): a restart rests on it. {@code reason} names the changed files and, when go list gave
 * one, the target's StaleReason. {@code errors} is empty when {@code ok}.
 *
 * @param target the import path of the main package
 * @param binary the output file (absent on disk if the first build failed)
 */
public record BuildResult(
    String target,
    boolean ok,
    Duration duration,
    boolean binaryChanged,
    String reason,
    List<BuildError> errors,
    Path binary) {
  public BuildResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(reason, "reason");
    errors = List.copyOf(errors);
    Objects.requireNonNull(binary, "binary");
    if (ok && !errors.isEmpty()) {
      throw new IllegalArgumentException("a successful build with errors");
    }
    if (!ok && binaryChanged) {
      throw new IllegalArgumentException("a failed build cannot change the binary");
    }
  }
}
