package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code go test -json} run: the workspace directory go runs in, the packages (import paths
 * or patterns; empty means {@code ./...}), the {@code -run} regex ({@code null}: every test), the
 * {@code -timeout} ({@code null}: go's default of 10 minutes), further build flags ({@code -tags},
 * {@code -race}, {@code -count=1}…) and how the test binaries are kept apart ({@code isolation} and
 * {@code limits}, as for {@code run}; the limits' network switch and memory, pids and CPU limits
 * apply to each test binary).
 */
public record TestRequest(
    Path workspace,
    List<String> packages,
    String run,
    Duration timeout,
    List<String> buildFlags,
    Isolation isolation,
    RunLimits limits) {
  public TestRequest {
    Objects.requireNonNull(workspace, "workspace");
    packages = List.copyOf(packages);
    buildFlags = List.copyOf(buildFlags);
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(limits, "limits");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("a test timeout must be positive: " + timeout);
    }
  }

  /** The packages of {@code workspace} at {@code isolation} with its default limits. */
  public static TestRequest of(Path workspace, List<String> packages, Isolation isolation) {
    return new TestRequest(workspace, packages, null, null, List.of(), isolation, RunLimits.defaults(isolation));
  }

  public TestRequest withRun(String value) {
    return new TestRequest(workspace, packages, value, timeout, buildFlags, isolation, limits);
  }

  public TestRequest withTimeout(Duration value) {
    return new TestRequest(workspace, packages, run, value, buildFlags, isolation, limits);
  }

  public TestRequest withBuildFlags(List<String> value) {
    return new TestRequest(workspace, packages, run, timeout, value, isolation, limits);
  }

  public TestRequest withLimits(RunLimits value) {
    return new TestRequest(workspace, packages, run, timeout, buildFlags, isolation, value);
  }
}
