package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.bridge.gotest.TestRequest;
import dev.hotlsp.bridge.gotest.TestStatus;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.check.FindingsReport;
import dev.hotlsp.proxy.check.JunitReport;
import dev.hotlsp.proxy.check.TestRun;
import dev.hotlsp.proxy.check.TestSummary;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.run.RunSpecs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hotlsp test}: runs {@code go test -json} on the workspace's packages (given, every one, or
 * those whose tests {@code --affected-by} files can break) with the test binaries in the run
 * sandbox, and reports them: text like go test's, each failure as {@code FILE:LINE:COL: error:
 * TestName: message [code]} (printed as each package ends when it goes to standard output); JSON
 * in docs/check-json.md's schema with its {@code tests} summary; JUnit XML. The summary line goes
 * to stderr. Exit 0 every test passed (or none was affected), 1 a test or a test build failed, 2
 * tool failure (no workspace, no go, go itself failed, a sandbox that cannot be had).
 */
final class TestCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final ProcessLauncher launcher;
  private final Clock clock;

  TestCommand(OutputStream out, PrintStream err, Map<String, String> env, ProcessLauncher launcher, Clock clock) {
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.env = env;
    this.launcher = launcher;
    this.clock = clock;
  }

  int run(TestOptions options) {
    var given = options.workspace().toAbsolutePath().normalize();
    if (!Files.isDirectory(given)) {
      return fail("no such directory: " + given);
    }
    try {
      var dir = given.toRealPath();
      var tests = TestRun.of(launcher, env, clock);
      var packages = options.packages();
      if (!options.affectedBy().isEmpty()) {
        packages = tests.affected(dir, options.affectedBy(), options.buildFlags());
        if (packages.isEmpty()) {
          err.println(TerminalText.escape("hotlsp: no package's tests depend on " + options.affectedBy().stream()
              .map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("")));
          write(options, report(options, new TestReport(List.of(), Duration.ZERO, false, 0, ""), dir));
          return 0;
        }
      }
      var specs = new RunSpecs(options.runOptions());
      var request = new TestRequest(dir, packages, options.run().orElse(null), options.timeout().orElse(null),
          options.buildFlags(), specs.isolation(), specs.limits());
      boolean live = options.format().equals("text") && options.output().isEmpty();
      TestListener listener = live ? p -> out.print(text(p, dir)) : TestListener.NONE;
      var report = tests.run(request, listener);
      if (!report.output().isBlank()) {
        report.output().stripTrailing().lines().forEach(line -> err.println(TerminalText.escape(line)));
      }
      if (!live) {
        write(options, report(options, report, dir));
      }
      if (report.toolFailed()) {
        return fail("go test failed (exit " + report.exitCode() + ") before any test could fail: " + report.failure());
      }
      err.println(TerminalText.escape(TestSummary.line(report.packages(), report.elapsed())));
      return report.packages().stream().anyMatch(TestSummary::failed) ? 1 : 0;
    } catch (IOException e) {
      return fail(String.valueOf(e.getMessage()).replace('\n', ' '));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private int fail(String message) {
    err.println(TerminalText.escape("hotlsp: " + message));
    return 2;
  }

  private String report(TestOptions options, TestReport report, Path dir) {
    return switch (options.format()) {
      case "json" -> FindingsReport.testJson(report.packages().stream().flatMap(p -> p.findings().stream()).toList(),
          dir, TestSummary.json(report.packages(), report.elapsed(), dir));
      case "junit" -> JunitReport.xml(report.packages(), clock.instant(), JunitReport.hostname(env), dir);
      default -> {
        var sb = new StringBuilder();
        report.packages().forEach(p -> sb.append(text(p, dir)));
        yield sb.toString();
      }
    };
  }

  private void write(TestOptions options, String report) throws IOException {
    if (options.output().isPresent()) {
      Files.writeString(options.output().get(), report, StandardCharsets.UTF_8);
    } else {
      out.print(report);
      out.flush();
    }
  }

  /** One package as go test prints it, its failures as findings. */
  static String text(PackageResult p, Path base) {
    var sb = new StringBuilder();
    for (var t : p.tests()) {
      if (t.status() == TestStatus.FAIL || t.status() == TestStatus.TIMEOUT) {
        sb.append("--- ").append(t.status() == TestStatus.FAIL ? "FAIL" : "TIMEOUT").append(": ")
            .append(TerminalText.escape(t.name())).append(' ').append(seconds(t.elapsed(), true)).append('\n');
      }
    }
    sb.append(FindingsReport.text(p.findings(), base));
    String name = TerminalText.escape(p.importPath());
    sb.append(switch (p.status()) {
      case PASS -> "ok  \t" + name + "\t" + (p.cached() ? "(cached)" : seconds(p.elapsed(), false));
      case SKIP -> "?   \t" + name + "\t[no test files]";
      case FAIL -> "FAIL\t" + name + "\t" + seconds(p.elapsed(), false);
      case BUILD_FAILED -> "FAIL\t" + name + " [build failed]";
      case STOPPED -> "STOP\t" + name + "\t[stopped]";
    }).append('\n');
    return sb.toString();
  }

  private static String seconds(Duration d, boolean parenthesised) {
    var s = String.format(Locale.ROOT, "%.3fs", d.toMillis() / 1000.0);
    return parenthesised ? "(" + String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0) + ")" : s;
  }
}
