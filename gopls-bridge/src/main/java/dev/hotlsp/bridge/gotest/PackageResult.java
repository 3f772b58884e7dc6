package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One package's outcome in a {@code go test} run: its directory (the workspace directory when go's
 * output does not say and no module of the workspace holds it), status, elapsed time as go
 * measured it, whether go took it from its test cache ({@code (cached)}: a result like any other),
 * its tests in the order they started, its findings already placed on lines (codes {@code
 * test-failure}, {@code test-panic}, {@code test-timeout}, {@code build}), and all it printed (build
 * output, the tests' output and go's summary line).
 */
public record PackageResult(
    String importPath,
    Path dir,
    PackageStatus status,
    Duration elapsed,
    boolean cached,
    List<TestCase> tests,
    List<Finding> findings,
    String output) {
  public PackageResult {
    Objects.requireNonNull(importPath, "importPath");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
    tests = List.copyOf(tests);
    findings = List.copyOf(findings);
    Objects.requireNonNull(output, "output");
  }

  /** How many of its tests (subtests included) ended with {@code status}. */
  public long count(TestStatus value) {
    return tests.stream().filter(t -> t.status() == value).count();
  }
}
