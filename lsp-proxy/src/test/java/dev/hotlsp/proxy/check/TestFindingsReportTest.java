package dev.hotlsp.proxy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test findings in check's reports: source {@code go test}, an error, its own SARIF rule. */
class TestFindingsReportTest {
  private static final Path BASE = Path.of("/w");
  private static final Finding FAILURE = new Finding(Path.of("/w/p/p_test.go"), 8, 2, 8, 20, "test-failure",
      "TestA: got 1, want 2", List.of());

  @Test
  void aTestFindingIsAnErrorFromGoTestThatFailsTheCheck() {
    var f = CheckFinding.ofTest(FAILURE);
    assertEquals(CheckFinding.TEST_SOURCE, f.source());
    assertEquals(Severity.ERROR, f.severity());
    assertTrue(f.fails(Severity.ERROR));
  }

  @Test
  void sarifHasAGoTestRulePerCode() {
    var sarif = JsonParser.parseString(SarifReport.sarif(List.of(CheckFinding.ofTest(FAILURE)), BASE, "1", f -> ""))
        .getAsJsonObject();
    var run = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
    var rule = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules").get(0).getAsJsonObject();
    assertEquals("go-test/test-failure", rule.get("id").getAsString());
    assertTrue(rule.getAsJsonObject("fullDescription").get("text").getAsString().contains("t.Error"), rule.toString());
    assertEquals("go-test/test-failure", run.getAsJsonArray("results").get(0).getAsJsonObject().get("ruleId").getAsString());
  }

  @Test
  void testJsonListsARepeatedFindingOnceWithTheSummary() {
    var json = JsonParser.parseString(FindingsReport.testJson(List.of(FAILURE, FAILURE), BASE,
        TestSummary.json(List.of(), java.time.Duration.ofMillis(5), BASE))).getAsJsonObject();
    assertEquals(1, json.getAsJsonArray("findings").size());
    assertEquals(5, json.getAsJsonObject("tests").get("elapsedMs").getAsInt());
  }
}
