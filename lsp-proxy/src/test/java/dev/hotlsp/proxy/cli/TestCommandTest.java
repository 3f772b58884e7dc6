package dev.hotlsp.proxy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.proxy.check.JunitSchema;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotlsp test} through {@link Main} with the real go on a copy of test-workspaces/testing. */
class TestCommandTest {
  @Test
  void textLooksLikeGoTestWithEachFailureOnItsLineAndExitsOne(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();

    var result = run("test", "--workspace", ws.toString(), "./failing", "./broken", "./greet", "./check",
        "--build-flag", "-count=1");

    assertEquals(1, result.exitCode(), result::describe);
    var lines = result.lines();
    assertTrue(lines.contains("failing/failing_test.go:21:5: error: TestHalf/case#01: Half(3) = 1, want 2\\nsecond line [test-failure]"),
        result::describe);
    assertTrue(lines.contains("failing/failing_test.go:28:2: error: TestHelper: got 2, want 3 [test-failure]"), result::describe);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(
        "failing/failing_test.go:33:2: error: TestPanics: panic: assignment to entry in nil map")), result::describe);
    assertTrue(lines.contains("--- FAIL: TestHelper (0.00s)"), result::describe);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("broken/broken_test.go:6:17: error: cannot use Answer()")),
        result::describe);
    assertTrue(lines.contains("FAIL\texample.com/testing/broken [build failed]"), result::describe);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok  \texample.com/testing/greet\t")), result::describe);
    assertTrue(lines.contains("?   \texample.com/testing/check\t[no test files]"), result::describe);
    assertTrue(result.stderr().startsWith("4 packages (2 failed), "), result::describe);
  }

  @Test
  void jsonIsTheCheckSchemaWithATestsSummary(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();

    var result = run("test", "--workspace", ws.toString(), "--format", "json", "./failing", "./lib");

    assertEquals(1, result.exitCode(), result::describe);
    var top = JsonParser.parseString(result.stdout()).getAsJsonObject();
    var first = top.getAsJsonArray("findings").get(0).getAsJsonObject();
    assertEquals(JsonParser.parseString("""
        {"file": "failing/failing_test.go", "line": 21, "column": 5, "endLine": 21, "endColumn": 71,
         "severity": "error", "source": "go test", "code": "test-failure",
         "message": "TestHalf/case#01: Half(3) = 1, want 2\\nsecond line", "related": []}
        """), first, result::describe);
    var tests = top.getAsJsonObject("tests");
    assertEquals(8, tests.get("passed").getAsInt(), result::describe);
    assertEquals(4, tests.get("failed").getAsInt(), result::describe);
    assertEquals(1, tests.get("skipped").getAsInt(), result::describe);
    var failing = pkg(tests, "example.com/testing/failing");
    assertEquals("fail", failing.get("status").getAsString());
    assertEquals("failing", failing.get("dir").getAsString());
    assertEquals("pass", pkg(tests, "example.com/testing/lib").get("status").getAsString());
  }

  @Test
  void junitIsValidAgainstTheSchemaCiToolsRead(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();
    var file = tmp.resolve("junit.xml");

    var result = run("test", "--workspace", ws.toString(), "--format", "junit", "--output", file.toString(),
        "./failing", "./broken", "./lib", "./check");

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
    var xml = Files.readString(file, UTF_8);
    JunitSchema.validate(xml);
    assertTrue(xml.contains("<testcase name=\"TestHelper\" classname=\"example.com/testing/failing\""), xml);
    assertTrue(xml.contains("type=\"test-panic\""), xml);
    assertTrue(xml.contains("<testcase name=\"[build failed]\""), xml);
  }

  @Test
  void affectedByRunsThePackagesWhoseTestsTheFileCanBreak(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();
    var lib = ws.resolve("lib/lib.go");
    Files.writeString(lib, Files.readString(lib, UTF_8).replace("total += x\n", "total += x * 2\n"), UTF_8);

    var result = run("test", "--workspace", ws.toString(), "--format", "json", "--affected-by", lib.toString(),
        "--build-flag", "-count=1", "--build-flag", "-tags=x");

    assertEquals(1, result.exitCode(), result::describe);
    var tests = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonObject("tests");
    assertEquals(List.of("example.com/testing/greet", "example.com/testing/lib", "example.com/testing/report"),
        tests.getAsJsonArray("packages").asList().stream()
            .map(p -> p.getAsJsonObject().get("importPath").getAsString()).sorted().toList(), result::describe);
    assertEquals("pass", pkg(tests, "example.com/testing/greet").get("status").getAsString());
    assertEquals("fail", pkg(tests, "example.com/testing/report").get("status").getAsString());
    var findings = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonArray("findings");
    assertTrue(findings.asList().stream().anyMatch(f -> f.getAsJsonObject().get("file").getAsString()
        .equals("report/report_test.go") && f.getAsJsonObject().get("line").getAsInt() == 8), result::describe);
  }

  @Test
  void aLibraryThatDoesNotCompileIsOneFindingNotOnePerImporter(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();
    var lib = ws.resolve("lib/lib.go");
    Files.writeString(lib, Files.readString(lib, UTF_8).replace("return total\n", "return total + \"x\"\n"), UTF_8);

    var result = run("test", "--workspace", ws.toString(), "--format", "json", "./report", "./greet");

    assertEquals(1, result.exitCode(), result::describe);
    var top = JsonParser.parseString(result.stdout()).getAsJsonObject();
    var findings = top.getAsJsonArray("findings").asList().stream().map(f -> f.getAsJsonObject().get("file").getAsString()
        + ":" + f.getAsJsonObject().get("line").getAsInt() + " " + f.getAsJsonObject().get("code").getAsString()).toList();
    assertEquals(List.of("lib/lib.go:16 build"), findings, result::describe);
    assertEquals("build-failed", pkg(top.getAsJsonObject("tests"), "example.com/testing/greet").get("status").getAsString());
  }

  @Test
  void aFileNoTestDependsOnRunsNothingAndExitsZero(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();

    var result = run("test", "--workspace", ws.toString(), "--affected-by", ws.resolve("hang/hang.go").toString());

    assertEquals(0, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
    assertTrue(result.stderr().startsWith("hotlsp: no package's tests depend on "), result::describe);
  }

  @Test
  void passingPackagesExitZeroAndANonWorkspaceExitsTwo(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("testing", tmp).root();

    assertEquals(0, run("test", "--workspace", ws.toString(), "./lib", "./greet").exitCode());
    var none = run("test", "--workspace", Files.createDirectories(tmp.resolve("empty")).toString());
    assertEquals(2, none.exitCode(), none::describe);
    assertEquals(1, none.stderr().lines().count(), none::describe);
    var pattern = run("test", "--workspace", ws.toString(), "./nothing/...");
    assertEquals(2, pattern.exitCode(), pattern::describe);
    assertTrue(pattern.stderr().lines().anyMatch(l -> l.startsWith("hotlsp: go test failed (exit 1) before any test"
        + " could fail: pattern ./nothing/...: lstat ./nothing/: no such file or directory")), pattern::describe);
  }

  @Test
  void usageErrors() {
    assertEquals(2, run("test", "--format", "xml").exitCode());
    assertEquals(2, run("test", "./lib", "--affected-by", "x.go").exitCode());
  }

  private static JsonObject pkg(JsonObject tests, String importPath) {
    return tests.getAsJsonArray("packages").asList().stream().map(JsonObject.class::cast)
        .filter(p -> p.get("importPath").getAsString().equals(importPath)).findFirst().orElseThrow();
  }

  private static CliResult run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = new Main(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, UTF_8),
        HarnessEnv.childEnvironment()).run(args);
    return new CliResult(code, out.toString(UTF_8), err.toString(UTF_8));
  }
}
