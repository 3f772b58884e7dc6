package dev.hotlsp.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.proxy.check.JunitSchema;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotlsp check --tests [--junit FILE]} on test-workspaces/testing: gopls, go build and the tests in one report. */
class CheckTestsTest {
  private final CliUnderTest cli = CliUnderTest.inProcess();

  @Test
  void jsonHasTheTestFindingsAndSummaryAndTheJunitFileIsValid(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("testing", tmp);
    var junit = tmp.resolve("junit.xml");

    var result = check(tmp, sandbox, "--tests", "--junit", junit.toString(), "--format", "json");

    assertEquals(1, result.exitCode(), result::describe);
    var top = JsonParser.parseString(result.stdout()).getAsJsonObject();
    var tests = new ArrayList<String>();
    var compileErrors = new ArrayList<String>();
    for (var f : top.getAsJsonArray("findings")) {
      var o = f.getAsJsonObject();
      String where = o.get("file").getAsString() + ":" + o.get("line").getAsInt();
      if (o.get("source").getAsString().equals("go test")) {
        tests.add(where + " " + o.get("code").getAsString());
      }
      if (where.equals("broken/broken_test.go:6")) {
        compileErrors.add(o.get("source").getAsString());
      }
    }
    assertEquals(List.of("failing/failing_test.go:21 test-failure", "failing/failing_test.go:28 test-failure",
        "failing/failing_test.go:33 test-panic"), tests, result::describe);
    assertEquals(List.of("gopls"), compileErrors, "a test's compile error is reported once: " + result.describe());
    JsonObject summary = top.getAsJsonObject("tests");
    assertTrue(summary.get("failed").getAsInt() >= 4, result::describe);
    assertTrue(result.stderr().lines().anyMatch(l -> l.startsWith("tests: 7 packages (2 failed), ")), result::describe);
    JunitSchema.validate(Files.readString(junit, StandardCharsets.UTF_8));
  }

  @Test
  void githubAnnotationsCarryTheTestFailures(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("testing", tmp);

    var result = check(tmp, sandbox, "--tests", "--format", "github");

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.lines().stream().anyMatch(l -> l.startsWith(
        "::error file=failing/failing_test.go,line=28,col=2,endLine=28,endColumn=28,title=go test (test-failure)"
            + "::TestHelper: got 2, want 3")), result::describe);
  }

  @Test
  void sarifHasAResultPerTestFailureAndPassesTheMultitool(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("testing", tmp);
    var sarif = tmp.resolve("hotlsp.sarif");

    var result = check(tmp, sandbox, "--tests", "--format", "sarif", "--output", sarif.toString());

    assertEquals(1, result.exitCode(), result::describe);
    var run = JsonParser.parseString(Files.readString(sarif, StandardCharsets.UTF_8)).getAsJsonObject()
        .getAsJsonArray("runs").get(0).getAsJsonObject();
    var ids = run.getAsJsonArray("results").asList().stream()
        .map(r -> r.getAsJsonObject().get("ruleId").getAsString()).filter(id -> id.startsWith("go-test/")).sorted().toList();
    assertEquals(List.of("go-test/test-failure", "go-test/test-failure", "go-test/test-panic"), ids, result::describe);
    assertEquals(List.of(), CiCheckTest.validate(sarif, tmp));
  }

  private CliResult check(Path tmp, Sandbox sandbox, String... args) throws Exception {
    var all = new ArrayList<>(List.of("check"));
    all.addAll(List.of(args));
    all.add(sandbox.root().toString());
    return cli.run(tmp, all.toArray(String[]::new));
  }
}
