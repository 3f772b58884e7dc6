package dev.hotlsp.proxy.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code hotlsp check} beyond the common ones: the directories to check, the
 * programs to run ({@code --run TARGET[=ARGS]}), each run's wall-clock limit ({@code --timeout}),
 * the report {@code format}, where it goes ({@code --output}, else standard output), and the
 * lowest severity that fails the check ({@code --fail-on}).
 */
public record CheckOptions(List<Path> dirs, List<RunRequest> runs, Duration runTimeout, String format,
    Optional<Path> output, Severity failOn) {
  static final Set<String> FORMATS = Set.of("text", "json", "sarif", "github");
  static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);

  /** One {@code --run}: a main package as go names it ({@code ./cmd/app} or an import path) and its arguments. */
  public record RunRequest(String target, List<String> args) {
    public RunRequest {
      if (target.isBlank()) {
        throw new IllegalArgumentException("--run needs a TARGET");
      }
      args = List.copyOf(args);
    }
  }

  public CheckOptions {
    dirs = List.copyOf(dirs);
    runs = List.copyOf(runs);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(failOn, "failOn");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("--format must be text, json, sarif or github, got " + format);
    }
    if (runTimeout.isNegative() || runTimeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
  }

  public static CheckOptions defaults() {
    return new CheckOptions(List.of(Path.of(".")), List.of(), DEFAULT_RUN_TIMEOUT, "text", Optional.empty(), Severity.ERROR);
  }
}
