package dev.hotlsp.bridge.gotest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds {@link TestEvent}s into one {@link PackageRun} per package, handed out when the package
 * ends. Build output ({@code build-output}, keyed by go's {@code ImportPath}) is kept until a
 * package's {@code fail} names it as its {@code FailedBuild}; lines that were not JSON are kept as
 * the run's general output (and are the build output of a package whose build failed without a
 * {@code FailedBuild}: a Go before 1.24 printed the compiler's errors on stderr). A test without an
 * end when its package ends was running: {@link TestStatus#TIMEOUT} when the package's output has
 * go's {@code panic: test timed out}, else {@link TestStatus#FAIL} (the binary died under it). Not
 * thread-safe.
 */
final class TestRunCollector {
  static final String TIMED_OUT = "panic: test timed out after ";
  private static final Pattern CACHED = Pattern.compile("(?m)^ok\\s+\\S+\\s+\\(cached\\)");

  private static final class TestState {
    final String name;
    TestStatus status;
    double elapsed;
    final StringBuilder output = new StringBuilder();

    TestState(String name) {
      this.name = name;
    }
  }

  private static final class Pkg {
    final Map<String, TestState> tests = new LinkedHashMap<>();
    final StringBuilder output = new StringBuilder();
  }

  private final Map<String, Pkg> packages = new LinkedHashMap<>();
  private final Map<String, StringBuilder> builds = new HashMap<>();
  private final StringBuilder general = new StringBuilder();
  private final TestListener listener;

  TestRunCollector(TestListener listener) {
    this.listener = listener;
  }

  /** Takes one event; returns the package it ended, if it ended one. */
  java.util.Optional<PackageRun> accept(TestEvent e) {
    switch (e.action()) {
      case TestEvent.TEXT -> general.append(e.output());
      case "build-output" -> builds.computeIfAbsent(e.importPath(), k -> new StringBuilder()).append(e.output());
      case "build-fail" -> { }
      default -> {
        if (e.pkg().isEmpty()) {
          return java.util.Optional.empty();
        }
        var pkg = packages.computeIfAbsent(e.pkg(), k -> new Pkg());
        if (e.endsPackage()) {
          packages.remove(e.pkg());
          return java.util.Optional.of(end(e, pkg));
        }
        if (e.test() == null) {
          pkg.output.append(e.output());
          return java.util.Optional.empty();
        }
        var test = pkg.tests.computeIfAbsent(e.test(), TestState::new);
        switch (e.action()) {
          case "run" -> listener.testStarted(e.pkg(), e.test());
          case "output" -> {
            test.output.append(e.output());
            pkg.output.append(e.output());
          }
          case "pass", "bench" -> end(test, TestStatus.PASS, e.elapsed());
          case "fail" -> end(test, TestStatus.FAIL, e.elapsed());
          case "skip" -> end(test, TestStatus.SKIP, e.elapsed());
          default -> { } // start, pause, cont
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** What go printed outside every package. */
  String general() {
    return general.toString();
  }

  /**
   * The packages that had not ended: {@link PackageStatus#STOPPED} with their running tests {@link
   * TestStatus#STOPPED} when the run was stopped, else failed (go ended without saying).
   */
  List<PackageRun> finish(boolean stopped) {
    var out = new ArrayList<PackageRun>();
    for (var entry : packages.entrySet()) {
      var pkg = entry.getValue();
      var status = stopped ? PackageStatus.STOPPED : PackageStatus.FAIL;
      out.add(new PackageRun(entry.getKey(), status, Duration.ZERO, false,
          tests(pkg, stopped ? TestStatus.STOPPED : TestStatus.FAIL), "", pkg.output.toString()));
    }
    packages.clear();
    return out;
  }

  private static void end(TestState test, TestStatus status, double elapsed) {
    test.status = status;
    test.elapsed = Math.max(elapsed, 0);
  }

  private PackageRun end(TestEvent e, Pkg pkg) {
    pkg.output.append(e.output());
    String text = pkg.output.toString();
    String build = "";
    PackageStatus status = switch (e.action()) {
      case "pass" -> PackageStatus.PASS;
      case "skip" -> PackageStatus.SKIP;
      default -> PackageStatus.FAIL;
    };
    if (!e.failedBuild().isEmpty()) {
      status = PackageStatus.BUILD_FAILED;
      var b = builds.get(e.failedBuild());
      build = b == null ? "" : b.toString();
    } else if (status == PackageStatus.FAIL && (text.contains("[build failed]") || text.contains("[setup failed]"))) {
      status = PackageStatus.BUILD_FAILED;
      build = general.toString();
    }
    var unended = text.contains(TIMED_OUT) ? TestStatus.TIMEOUT : TestStatus.FAIL;
    return new PackageRun(e.pkg(), status, seconds(e.elapsed()), CACHED.matcher(text).find(), tests(pkg, unended),
        build, build + text);
  }

  private static List<TestCase> tests(Pkg pkg, TestStatus unended) {
    var out = new ArrayList<TestCase>();
    for (var t : pkg.tests.values()) {
      out.add(new TestCase(t.name, t.status == null ? unended : t.status, seconds(t.elapsed), t.output.toString(),
          null, 0));
    }
    return out;
  }

  private static Duration seconds(double value) {
    return value <= 0 ? Duration.ZERO : Duration.ofNanos(Math.round(value * 1e9));
  }
}
