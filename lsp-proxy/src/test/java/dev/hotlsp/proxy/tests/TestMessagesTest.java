package dev.hotlsp.proxy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestCase;
import dev.hotlsp.bridge.gotest.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test protocol's JSON: LSP's 0-based lines, output only where something failed. */
class TestMessagesTest {
  @Test
  void aPackageResultHasZeroBasedLinesAndTheOutputOfFailuresOnly() {
    var file = Path.of("/w/p/p_test.go");
    var pass = new TestCase("TestA", TestStatus.PASS, Duration.ofMillis(3), "=== RUN TestA\n", file, 5);
    var fail = new TestCase("TestB/case_1", TestStatus.FAIL, Duration.ofMillis(4), "p_test.go:9: bad\n", file, 8);
    var unknown = new TestCase("TestC", TestStatus.TIMEOUT, Duration.ZERO, "hung\n", null, 0);
    var o = TestMessages.packageResult(new PackageResult("m/p", Path.of("/w/p"), PackageStatus.FAIL,
        Duration.ofMillis(120), true, List.of(pass, fail, unknown), List.of(), "all of it"));
    assertEquals("m/p", o.get("importPath").getAsString());
    assertEquals("file:///w/p", o.get("dir").getAsString());
    assertEquals("fail", o.get("status").getAsString());
    assertEquals(120, o.get("elapsedMs").getAsLong());
    assertEquals(true, o.get("cached").getAsBoolean());
    assertFalse(o.has("output"), "a package's output only when it did not build");
    var tests = o.getAsJsonArray("tests");
    assertEquals(4, tests.get(0).getAsJsonObject().get("line").getAsInt());
    assertEquals("file:///w/p/p_test.go", tests.get(0).getAsJsonObject().get("uri").getAsString());
    assertFalse(tests.get(0).getAsJsonObject().has("output"));
    assertEquals("TestB/case_1", tests.get(1).getAsJsonObject().get("name").getAsString());
    assertEquals("p_test.go:9: bad\n", tests.get(1).getAsJsonObject().get("output").getAsString());
    assertEquals("timeout", tests.get(2).getAsJsonObject().get("status").getAsString());
    assertFalse(tests.get(2).getAsJsonObject().has("line"));
    assertEquals("hung\n", tests.get(2).getAsJsonObject().get("output").getAsString());
  }

  @Test
  void aPackageThatDidNotBuildCarriesItsOutput() {
    var o = TestMessages.packageResult(new PackageResult("m/p", Path.of("/w/p"), PackageStatus.BUILD_FAILED,
        Duration.ZERO, false, List.of(), List.of(), "p_test.go:3:2: undefined: x\n"));
    assertEquals("build-failed", o.get("status").getAsString());
    assertEquals("p_test.go:3:2: undefined: x\n", o.get("output").getAsString());
  }

  @Test
  void aFailedTestCarriesTheLinesItFailedOnNotItsSubtestsOrItsNeighbours() {
    var file = Path.of("/w/p/p_test.go");
    var parent = new TestCase("TestB", TestStatus.FAIL, Duration.ZERO, "--- FAIL: TestB\n", file, 8);
    var child = new TestCase("TestB/case_1", TestStatus.FAIL, Duration.ZERO, "p_test.go:12: bad\n", file, 8);
    var findings = List.of(
        new Finding(file, 12, 3, 12, 20, "test-failure", "TestB/case_1: bad", List.of()),
        new Finding(file, 30, 2, 30, 9, "test-panic", "TestBX: panic: boom", List.of()));
    var o = TestMessages.packageResult(new PackageResult("m/p", Path.of("/w/p"), PackageStatus.FAIL,
        Duration.ZERO, false, List.of(parent, child), findings, ""));
    var tests = o.getAsJsonArray("tests");
    assertFalse(tests.get(0).getAsJsonObject().has("failures"), "TestB's own failures: none (its subtest's and TestBX's are not)");
    var failures = tests.get(1).getAsJsonObject().getAsJsonArray("failures");
    assertEquals(1, failures.size());
    var f = failures.get(0).getAsJsonObject();
    assertEquals("file:///w/p/p_test.go", f.get("uri").getAsString());
    assertEquals(11, f.get("line").getAsInt());
    assertEquals(2, f.get("character").getAsInt());
    assertEquals("test-failure", f.get("code").getAsString());
    assertEquals("TestB/case_1: bad", f.get("message").getAsString());
  }
}
