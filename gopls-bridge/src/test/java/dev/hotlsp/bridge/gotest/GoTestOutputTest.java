package dev.hotlsp.bridge.gotest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.testing.Workspaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoTestOutputTest {
  private static final String M = "example.com/testing/";
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void copy() throws Exception {
    root = Workspaces.copy("testing", tmp);
  }

  private Map<String, PackageResult> replay(String name) throws Exception {
    var told = new ArrayList<PackageResult>();
    var results = Captures.replay(name, root, 7, told::add);
    assertEquals(results, told, "the listener hears each package as it ends");
    return results.stream().collect(Collectors.toMap(PackageResult::importPath, Function.identity()));
  }

  private static Map<String, TestStatus> statuses(PackageResult p) {
    return p.tests().stream().collect(Collectors.toMap(TestCase::name, TestCase::status));
  }

  private static String where(Finding f, Path root) {
    return root.relativize(f.file()) + ":" + f.line() + ":" + f.column() + " " + f.code();
  }

  @Test
  void theDefaultRunGivesEachPackagesStatusTestsAndFindings() throws Exception {
    var all = replay("all");
    assertEquals(PackageStatus.BUILD_FAILED, all.get(M + "broken").status());
    assertEquals(PackageStatus.SKIP, all.get(M + "check").status());
    assertEquals(PackageStatus.SKIP, all.get(M + "hang").status());
    assertEquals(PackageStatus.PASS, all.get(M + "greet").status());
    assertEquals(PackageStatus.PASS, all.get(M + "report").status());
    var lib = all.get(M + "lib");
    assertEquals(PackageStatus.PASS, lib.status());
    assertEquals(Map.of("TestSum", TestStatus.PASS, "TestSum/empty", TestStatus.PASS, "TestSum/one", TestStatus.PASS,
        "TestSum/many", TestStatus.PASS, "TestGreetEmpty", TestStatus.PASS, "ExampleGreet", TestStatus.PASS),
        statuses(lib));
    assertEquals(root.resolve("lib"), lib.dir());
    assertFalse(lib.cached());
    var failing = all.get(M + "failing");
    assertEquals(PackageStatus.FAIL, failing.status());
    assertEquals(Map.of("TestPasses", TestStatus.PASS, "TestSkipped", TestStatus.SKIP, "TestHalf", TestStatus.FAIL,
        "TestHalf/case", TestStatus.PASS, "TestHalf/case#01", TestStatus.FAIL, "TestHelper", TestStatus.FAIL,
        "TestPanics", TestStatus.FAIL), statuses(failing));
    var half = failing.tests().stream().filter(t -> t.name().equals("TestHalf/case#01")).findFirst().orElseThrow();
    assertEquals(root.resolve("failing/failing_test.go"), half.file());
    assertEquals(17, half.line(), "a subtest is placed at its top-level test's declaration");
    assertTrue(half.output().contains("--- FAIL: TestHalf/case#01"), half.output());

    var f = failing.findings();
    assertEquals(List.of("failing/failing_test.go:21:5 test-failure", "failing/failing_test.go:28:2 test-failure",
        "failing/failing_test.go:33:2 test-panic"), f.stream().map(x -> where(x, root)).toList());
    assertEquals("TestHalf/case#01: Half(3) = 1, want 2\nsecond line", f.get(0).message());
    assertEquals("TestHelper: got 2, want 3", f.get(1).message(), "a t.Helper failure is on the caller's line");
    assertTrue(f.get(2).message().startsWith("TestPanics: panic: assignment to entry in nil map"), f.get(2).message());

    var broken = all.get(M + "broken").findings();
    assertEquals(List.of("broken/broken_test.go:6:17 build"), broken.stream().map(x -> where(x, root)).toList());
    assertTrue(broken.get(0).message().startsWith("cannot use Answer()"), broken.get(0).message());
    assertTrue(all.get(M + "broken").output().contains("broken_test.go:6:17"), "build output is the package's output");
  }

  @Test
  void theSeededEditFailsTheImportingPackageOnItsTestLine() throws Exception {
    var seeded = replay("seeded");
    assertEquals(PackageStatus.PASS, seeded.get(M + "greet").status());
    var report = seeded.get(M + "report");
    assertEquals(PackageStatus.FAIL, report.status());
    assertEquals(List.of("report/report_test.go:8:3 test-failure"),
        report.findings().stream().map(x -> where(x, root)).toList());
    assertEquals("TestTotal: Total(1, 2, 3) = \"total: 12\", want \"total: 6\"", report.findings().get(0).message());
  }

  @Test
  void aTimeoutListsEachRunningTestOnItsGoroutinesLine() throws Exception {
    var hang = replay("timeout").get(M + "hang");
    assertEquals(PackageStatus.FAIL, hang.status());
    assertEquals(Map.of("TestWaitsA", TestStatus.TIMEOUT, "TestWaitsB", TestStatus.TIMEOUT), statuses(hang));
    assertEquals(List.of("hang/hang_test.go:12:2 test-timeout", "hang/hang_test.go:17:2 test-timeout"),
        hang.findings().stream().map(x -> where(x, root)).toList());
    assertEquals("TestWaitsA: test timed out after 2s (running for 2s)", hang.findings().get(0).message());
  }

  @Test
  void trimpathFramesAreFoundThroughTheModulePath() throws Exception {
    var all = replay("trimpath");
    var panic = all.get(M + "failing").findings().stream().filter(x -> x.code().equals("test-panic")).toList();
    assertEquals(List.of("failing/failing_test.go:33:2 test-panic"), panic.stream().map(x -> where(x, root)).toList());
    assertEquals(1, all.get(M + "broken").findings().size());
  }

  @Test
  void cachedResultsAreResults() throws Exception {
    var cached = replay("cached");
    assertTrue(cached.get(M + "greet").cached());
    assertEquals(PackageStatus.PASS, cached.get(M + "greet").status());
    assertEquals(TestStatus.PASS, statuses(cached.get(M + "greet")).get("TestEveryone"));
  }

  @Test
  void aStoppedStreamEndsItsOpenPackagesAsStopped() throws Exception {
    var text = Captures.read("timeout", root);
    var output = new GoTestOutput(Captures.findings(root), TestListener.NONE);
    assertEquals(List.of(), output.feed(text.substring(0, text.indexOf("panic: test timed out"))));
    var rest = output.finish(true);
    assertEquals(1, rest.size());
    assertEquals(PackageStatus.STOPPED, rest.get(0).status());
    assertEquals(Map.of("TestWaitsA", TestStatus.STOPPED, "TestWaitsB", TestStatus.STOPPED), statuses(rest.get(0)));
  }

  @Test
  void linesThatAreNotJsonAreKeptAsGeneralOutput() throws Exception {
    var output = new GoTestOutput(Captures.findings(root), TestListener.NONE);
    output.feed("go: warning: \"./nothing/...\" matched no packages\n{\"Action\":\"start\",\"Package\":\"m/x\"}\n{broken json}\n");
    assertEquals("go: warning: \"./nothing/...\" matched no packages\n{broken json}\n", output.general());
  }
}
