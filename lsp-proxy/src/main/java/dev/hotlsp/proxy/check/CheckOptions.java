package dev.hotlsp.proxy.check;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code hotlsp check} beyond the common ones: the directories to check, the
 * programs to run ({@code --run TARGET[=ARGS]}), each run's wall-clock limit ({@code --timeout}),
 * the report {@code format}, where it goes ({@code --output}, else standard output), the
 * lowest severity that fails the check ({@code --fail-on}), whether the directories' tests run
 * ({@code --tests}) and where their JUnit XML goes ({@code --junit FILE}, which implies {@code --tests}).
 */
public record CheckOptions(List<Path> dirs, List<RunRequest> runs, Duration runTimeout, String format,
    Optional<Path> output, Severity failOn, boolean tests, Optional<Path> junit) {
  static final Set<String> FORMATS = Set.of("text", "json", "sarif", "github");
  static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);

  /**
   * One {@code --run}: a main package as go names it ({@code ./cmd/app} or an import path) and its
   * arguments; {@code runFor} ({@code --for}): a server's smoke run, which passes when the program
   * is still running after that long (it is then stopped), instead of a program that must end;
   * {@code probes} ({@code --probe}): loopback URLs each asked once while it runs.
   */
  public record RunRequest(String target, List<String> args, Optional<Duration> runFor, List<URI> probes) {
    public RunRequest {
      if (target.isBlank()) {
        throw new IllegalArgumentException("--run needs a TARGET");
      }
      args = List.copyOf(args);
      Objects.requireNonNull(runFor, "runFor");
      probes = List.copyOf(probes);
      if (runFor.isPresent() && (runFor.get().isNegative() || runFor.get().isZero())) {
        throw new IllegalArgumentException("--for must be positive");
      }
    }

    /** A program that must end by itself: no {@code --for}, no probes. */
    public RunRequest(String target, List<String> args) {
      this(target, args, Optional.empty(), List.of());
    }

    RunRequest withFor(Duration value) {
      return new RunRequest(target, args, Optional.of(value), probes);
    }

    RunRequest withProbe(URI url) {
      var all = new java.util.ArrayList<>(probes);
      all.add(url);
      return new RunRequest(target, args, runFor, all);
    }
  }

  /** Without tests. */
  public CheckOptions(List<Path> dirs, List<RunRequest> runs, Duration runTimeout, String format,
      Optional<Path> output, Severity failOn) {
    this(dirs, runs, runTimeout, format, output, failOn, false, Optional.empty());
  }

  public CheckOptions {
    dirs = List.copyOf(dirs);
    Objects.requireNonNull(junit, "junit");
    runs = List.copyOf(runs);
    for (var run : runs) {
      if (!run.probes().isEmpty() && run.runFor().isEmpty()) {
        throw new IllegalArgumentException("--probe needs --for DURATION on its --run " + run.target()
            + " (a probed program is a server that keeps running)");
      }
    }
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
