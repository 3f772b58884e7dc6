package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.run.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code hotlsp test}: the workspace ({@code --workspace}, default the current
 * directory), the packages (go's patterns; none: every package of the workspace), the files whose
 * affected tests run instead ({@code --affected-by}), go's {@code -run} and {@code -timeout}, the
 * report {@code format} ({@code text}, {@code json}, {@code junit}) and where it goes ({@code
 * --output}), build flags, and the run options ({@code --isolation} and the limits) for the test
 * binaries.
 */
public record TestOptions(Path workspace, List<String> packages, List<Path> affectedBy, Optional<String> run,
    Optional<Duration> timeout, String format, Optional<Path> output, List<String> buildFlags, RunOptions runOptions) {
  static final Set<String> FORMATS = Set.of("text", "json", "junit");

  public TestOptions {
    Objects.requireNonNull(workspace, "workspace");
    packages = List.copyOf(packages);
    affectedBy = List.copyOf(affectedBy);
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(output, "output");
    buildFlags = List.copyOf(buildFlags);
    Objects.requireNonNull(runOptions, "runOptions");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("--format must be text, json or junit, got " + format);
    }
    if (!packages.isEmpty() && !affectedBy.isEmpty()) {
      throw new IllegalArgumentException("give packages or --affected-by files, not both");
    }
  }
}
