package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.toolchain.BuildScope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Turns what a go build left into the {@link BuildResult} the listener gets. Stateless. */
final class BuildReport {
  private static final Duration STALE_GRACE = Duration.ofMillis(100);

  private BuildReport() {}

  /**
   * The result of a build that ran; its errors come from go's stderr (a link failure placed in
   * its package, found through {@code packageDirs}), or, if none parse, one error on the go.mod
   * with the exit code; errors outside {@code scope} are logged, not returned.
   */
  static BuildResult of(
      String target,
      BatchBuilder.Outcome outcome,
      boolean binaryChanged,
      String reason,
      Path binary,
      Path workingDir,
      Path goMod,
      Function<String, Optional<Path>> packageDirs, BuildScope scope) {
    boolean ok = outcome.exitCode() == 0;
    List<BuildError> errors = List.of();
    if (!ok) {
      errors = BuildErrorParser.parse(outcome.stderr(), workingDir, goMod, packageDirs, scope);
      if (errors.isEmpty()) {
        errors = List.of(new BuildError(goMod, 1, 1, "go build exited with " + outcome.exitCode()));
      }
    }
    return new BuildResult(target, ok, outcome.duration(), binaryChanged, reason, errors, binary);
  }

  /** The result of a build whose go process could not be started. */
  static BuildResult notStarted(
      String target, IOException cause, String reason, Path binary, Path goMod) {
    var error = new BuildError(goMod, 1, 1, "cannot run go build: " + cause.getMessage());
    return new BuildResult(target, false, Duration.ZERO, false, reason, List.of(error), binary);
  }

  /** The StaleReasons if they come within 100 ms of the build's end; none otherwise. */
  static CompletableFuture<Map<String, String>> withinGrace(
      CompletableFuture<Map<String, String>> stale) {
    var timeout =
        CompletableFuture.supplyAsync(
            Map::<String, String>of,
            CompletableFuture.delayedExecutor(STALE_GRACE.toMillis(), TimeUnit.MILLISECONDS));
    return stale.applyToEither(timeout, m -> m);
  }
}
