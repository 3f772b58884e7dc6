package dev.hotlsp.proxy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestCase;
import dev.hotlsp.bridge.gotest.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunitReportTest {
  private static final Path BASE = Path.of("/w");
  private static final Instant AT = Instant.parse("2026-12-06T05:00:00.123Z");

  private static TestCase test(String name, TestStatus status, String output) {
    return new TestCase(name, status, Duration.ofMillis(12), output, null, 0);
  }

  @Test
  void everyKindOfOutcomeIsValidJunit() throws Exception {
    var failure = new Finding(Path.of("/w/p/p_test.go"), 8, 2, 8, 20, "test-failure", "TestA: got 1 <want> 2 & \u001b[31mred",
        List.of());
    var pass = new PackageResult("m/p", Path.of("/w/p"), PackageStatus.FAIL, Duration.ofMillis(40), false,
        List.of(test("TestA", TestStatus.FAIL, "=== RUN TestA\n\u0000bad\ud800\n"), test("TestB", TestStatus.PASS, ""),
            test("TestC", TestStatus.SKIP, ""), test("TestD", TestStatus.TIMEOUT, ""), test("TestE", TestStatus.STOPPED, "")),
        List.of(failure), "out \u0007 bell\n");
    var build = new PackageResult("m/b", Path.of("/w/b"), PackageStatus.BUILD_FAILED, Duration.ZERO, false, List.of(),
        List.of(new Finding(Path.of("/w/b/b_test.go"), 6, 17, 6, 30, "build", "cannot use x", List.of())),
        "# m/b\nb_test.go:6:17: cannot use x\n");
    var skip = new PackageResult("m/s", Path.of("/w/s"), PackageStatus.SKIP, Duration.ZERO, true, List.of(), List.of(), "");

    var xml = JunitReport.xml(List.of(pass, build, skip), AT, "ci-host", BASE);

    JunitSchema.validate(xml);
    assertTrue(xml.contains("timestamp=\"2026-12-06T05:00:00\""), xml);
    assertTrue(xml.contains("tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"2\" time=\"0.040\""), xml);
    assertTrue(xml.contains("<failure message=\"p/p_test.go:8: TestA: got 1 &lt;want&gt; 2 &amp; \\x1b[31mred\" type=\"test-failure\">"),
        xml);
    assertTrue(xml.contains("\\x00bad\\ud800"), xml);
    assertTrue(xml.contains("type=\"test-timeout\""), xml);
    assertTrue(xml.contains("<skipped message=\"stopped\""), xml);
    assertTrue(xml.contains("<error message=\"b/b_test.go:6: cannot use x\" type=\"build\">"), xml);
    assertEquals(3, xml.split("<testsuite ").length - 1);
  }

  @Test
  void theSchemaRefusesWhatCiToolsWouldNotRead() {
    assertThrows(Exception.class, () -> JunitSchema.validate(
        "<testsuites><testsuite name=\"x\" tests=\"1\"/></testsuites>"));
  }
}
