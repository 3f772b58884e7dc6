package dev.hotlsp.bridge.gotest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A whole {@code go test} run: each package's result in the order go finished them, the wall-clock
 * time, whether it was stopped before its end, go's exit code (-1 when stopped or not started), and
 * what go printed outside any package (errors about patterns, the module, flags).
 */
public record TestReport(List<PackageResult> packages, Duration elapsed, boolean stopped, int exitCode, String output) {
  public TestReport {
    packages = List.copyOf(packages);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(output, "output");
  }

  /**
   * Whether go itself failed rather than a test: it exited with an error and no package failed
   * but {@link #unresolved} ones (patterns naming no directory, which go reports as packages whose
   * setup failed).
   */
  public boolean toolFailed() {
    if (stopped) {
      return false;
    }
    boolean anyFailed = packages.stream().anyMatch(p -> !unresolved(p) && (p.status() == PackageStatus.FAIL
        || p.status() == PackageStatus.BUILD_FAILED));
    return exitCode != 0 && !anyFailed;
  }

  /** A "package" that is a file-system pattern go could not resolve ({@code ./nothing/...}). */
  public static boolean unresolved(PackageResult p) {
    return p.status() == PackageStatus.BUILD_FAILED && (p.importPath().startsWith(".") || p.importPath().startsWith("/"));
  }

  /** Why go failed as a whole, in a line: its first line outside the packages, else an unresolved pattern's. */
  public String failure() {
    var general = output.strip().lines().findFirst();
    if (general.isPresent()) {
      return general.get();
    }
    return packages.stream().filter(TestReport::unresolved).flatMap(p -> p.findings().stream())
        .map(f -> f.message().lines().findFirst().orElse("")).findFirst().orElse("");
  }
}
