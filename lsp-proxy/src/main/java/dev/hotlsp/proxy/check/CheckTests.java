package dev.hotlsp.proxy.check;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestRequest;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.run.RunSpecs;
import dev.hotlsp.proxy.server.ProxySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code hotlsp check --tests}: each directory's packages tested ({@link TestRun}) with the
 * session's build flags, isolation and limits ({@code --isolation}, {@code --memory}…); each
 * test finding a {@link CheckFinding} from {@code go test}; the packages kept for the JSON
 * summary, the summary line and {@code --junit}. Used once per check.
 */
final class CheckTests {
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final Consumer<String> progress;
  private final List<PackageResult> packages = new ArrayList<>();
  private Duration elapsed = Duration.ZERO;
  private java.util.Map<String, String> env = java.util.Map.of();

  CheckTests(ProcessLauncher launcher, Clock clock, Consumer<String> progress) {
    this.launcher = launcher;
    this.clock = clock;
    this.progress = progress;
  }

  /** The test findings of {@code dir}; a go test that fails as a whole is a check failure. */
  List<CheckFinding> findings(Path dir, ProxySettings settings) throws CheckFailedException, InterruptedException {
    progress.accept("testing " + dir);
    try {
      env = settings.environment();
      var tests = TestRun.of(launcher, env, clock);
      var specs = new RunSpecs(settings.run());
      var report = tests.run(new TestRequest(dir.toRealPath(), List.of(), null, null,
          settings.workspace().buildFlags(), specs.isolation(), specs.limits()), TestListener.NONE);
      if (report.toolFailed()) {
        throw new CheckFailedException("go test failed in " + dir + " (exit " + report.exitCode() + "): "
            + report.failure());
      }
      packages.addAll(report.packages());
      elapsed = elapsed.plus(report.elapsed());
      var out = new ArrayList<CheckFinding>();
      // a dependency that does not compile fails every package importing it with the same errors: once each
      report.packages().stream().flatMap(p -> p.findings().stream()).distinct()
          .forEach(f -> out.add(CheckFinding.ofTest(f)));
      return out;
    } catch (IOException e) {
      throw new CheckFailedException("cannot test " + dir + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
  }

  /**
   * {@code findings} without the compile errors of test files that gopls reported already (the
   * same error at the same place, once from gopls and once from go test's build).
   */
  static List<CheckFinding> withoutRepeats(List<CheckFinding> findings) {
    var gopls = new java.util.HashSet<String>();
    findings.stream().filter(f -> f.source().equals("gopls"))
        .forEach(f -> gopls.add(f.file() + ":" + f.line() + ":" + f.column()));
    return findings.stream().filter(f -> !(f.source().equals(CheckFinding.TEST_SOURCE) && f.code().equals("build")
        && gopls.contains(f.file() + ":" + f.line() + ":" + f.column()))).toList();
  }

  /** Whether a package's tests failed or did not build (also one whose failure no line holds). */
  boolean failed() {
    return packages.stream().anyMatch(TestSummary::failed);
  }

  JsonObject summary(Path base) {
    return TestSummary.json(packages, elapsed, base);
  }

  String line() {
    return TestSummary.line(packages, elapsed);
  }

  void writeJunit(Path file, Path base) throws CheckFailedException {
    try {
      Files.writeString(file, JunitReport.xml(packages, clock.instant(), JunitReport.hostname(env), base),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckFailedException("cannot write the JUnit report to " + file + ": " + GoFiles.reason(e));
    }
  }
}
