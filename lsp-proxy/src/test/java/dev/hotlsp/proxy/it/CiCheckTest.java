package dev.hotlsp.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.ProcessRun;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotlsp check} as a CI pipeline runs it, on test-workspaces/cicheck: a type error (gopls
 * and go build both see it: reported once), a link error only go build sees, gopls's warning and
 * hint, and a {@code --run} target that panics; in every format, every exit code and --fail-on
 * level, a go.work of two modules, and the same gopls findings as {@code gopls check}.
 */
class CiCheckTest {
  private static final String RUN = "./cmd/panicker";

  private static final List<String> TEXT = List.of(
      "cmd/linkerr/main.go:8:1: error: main.main: relocation target example.com/cicheck/nowhere.missing not defined [go build]",
      "internal/calc/calc.go:6:18: error: cannot use \"three\" (untyped string constant) as int value in variable declaration [gopls]",
      "internal/report/report.go:8:14: warning: fmt.Printf format %s has arg n of wrong type int [gopls]",
      "internal/report/report.go:13:6: hint: for loop can be modernized using range over int [gopls]",
      "internal/shapes/shapes.go:7:3: error: panic: 100% broken: sides, none\\nsecond line [hotlsp]",
      "    cmd/panicker/main.go:11:2: called from main.measure",
      "    cmd/panicker/main.go:7:2: called from main.main");

  private static final List<String> GITHUB = List.of(
      "::error file=cmd/linkerr/main.go,line=8,col=1,endLine=8,endColumn=14,title=go build (build)"
          + "::main.main: relocation target example.com/cicheck/nowhere.missing not defined",
      "::error file=internal/calc/calc.go,line=6,col=18,endLine=6,endColumn=25,title=gopls (IncompatibleAssign)"
          + "::cannot use \"three\" (untyped string constant) as int value in variable declaration",
      "::warning file=internal/report/report.go,line=8,col=14,endLine=8,endColumn=16,title=gopls (printf)"
          + "::fmt.Printf format %25s has arg n of wrong type int",
      "::notice file=internal/report/report.go,line=13,col=6,endLine=13,endColumn=24,title=gopls (rangeint)"
          + "::for loop can be modernized using range over int",
      "::error file=internal/shapes/shapes.go,line=7,col=3,endLine=7,endColumn=49,title=hotlsp (panic)"
          + "::panic: 100%25 broken: sides, none%0Asecond line"
          + "%0Acmd/panicker/main.go:11:2: called from main.measure%0Acmd/panicker/main.go:7:2: called from main.main");

  private final CliUnderTest cli = CliUnderTest.inProcess();

  @Test
  void textIsSortedRelativeToDirWithASummaryAndTheSameTwice(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);

    var first = check(tmp, sandbox, "--run", RUN);
    var second = check(tmp, sandbox, "--run", RUN);

    assertEquals(1, first.exitCode(), first::describe);
    assertEquals(TEXT, first.lines(), first::describe);
    assertEquals(first.stdout(), second.stdout(), second::describe);
    assertTrue(first.stderr().lines().anyMatch(l -> l.equals("3 errors, 1 warning, 1 hint in 4 files")), first::describe);
  }

  @Test
  void jsonIsTheSharedSchemaAndTheSameTwice(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);

    var first = check(tmp, sandbox, "--run", RUN, "--format", "json");
    var second = check(tmp, sandbox, "--run", RUN, "--format", "json");

    assertEquals(1, first.exitCode(), first::describe);
    assertEquals(first.stdout(), second.stdout(), second::describe);
    var findings = JsonParser.parseString(first.stdout()).getAsJsonObject().getAsJsonArray("findings");
    var seen = new ArrayList<String>();
    for (var e : findings) {
      var f = e.getAsJsonObject();
      seen.add(String.join(" ", f.get("file").getAsString(), f.get("line") + ":" + f.get("column") + "-"
          + f.get("endLine") + ":" + f.get("endColumn"), f.get("severity").getAsString(), f.get("source").getAsString(),
          f.get("code").getAsString(), String.valueOf(f.getAsJsonArray("related").size())));
    }
    assertEquals(List.of(
        "cmd/linkerr/main.go 8:1-8:14 error go build build 0",
        "internal/calc/calc.go 6:18-6:25 error gopls IncompatibleAssign 0",
        "internal/report/report.go 8:14-8:16 warning gopls printf 0",
        "internal/report/report.go 13:6-13:24 hint gopls rangeint 0",
        "internal/shapes/shapes.go 7:3-7:49 error hotlsp panic 2"), seen, first::describe);
    assertEquals("panic: 100% broken: sides, none\nsecond line",
        findings.get(4).getAsJsonObject().get("message").getAsString());
  }

  @Test
  void sarifPassesTheSchemaAndGithubsRulesAndCarriesTheCrashsCallChain(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", Files.createDirectories(tmp.resolve("ws")));
    var report = tmp.resolve("check.sarif");

    var first = check(tmp, sandbox, "--run", RUN, "--format", "sarif", "--output", report.toString());
    var text = Files.readString(report);
    var second = check(tmp, sandbox, "--run", RUN, "--format", "sarif", "--output", report.toString());

    assertEquals(1, first.exitCode(), first::describe);
    assertEquals("", first.stdout(), first::describe);
    assertEquals(text, Files.readString(report), second::describe);
    assertEquals(List.of(), validate(report, tmp));
    var run = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals("utf16CodeUnits", run.get("columnKind").getAsString());
    var rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    var ruleIds = new ArrayList<String>();
    rules.forEach(r -> ruleIds.add(r.getAsJsonObject().get("id").getAsString()));
    assertEquals(List.of("go-build/build", "gopls/IncompatibleAssign", "gopls/printf", "gopls/rangeint", "hotlsp/panic"), ruleIds);
    rules.forEach(r -> assertTrue(r.getAsJsonObject().has("fullDescription") && r.getAsJsonObject().has("help"), r::toString));
    var results = run.getAsJsonArray("results");
    assertEquals(5, results.size());
    results.forEach(r -> assertTrue(r.getAsJsonObject().getAsJsonObject("partialFingerprints").has("hotlsp/v1"), r::toString));
    var panic = results.get(4).getAsJsonObject();
    var region = panic.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
    assertEquals("internal/shapes/shapes.go", region.getAsJsonObject("artifactLocation").get("uri").getAsString());
    assertEquals(7, region.getAsJsonObject("region").get("startLine").getAsInt());
    assertEquals(3, region.getAsJsonObject("region").get("startColumn").getAsInt());
    assertEquals(2, panic.getAsJsonArray("relatedLocations").size());
    var flow = panic.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows").get(0)
        .getAsJsonObject().getAsJsonArray("locations");
    var steps = new ArrayList<String>();
    flow.forEach(s -> {
      var p = s.getAsJsonObject().getAsJsonObject("location").getAsJsonObject("physicalLocation");
      steps.add(p.getAsJsonObject("artifactLocation").get("uri").getAsString() + ":" + p.getAsJsonObject("region").get("startLine"));
    });
    assertEquals(List.of("cmd/panicker/main.go:7", "cmd/panicker/main.go:11", "internal/shapes/shapes.go:7"), steps);
  }

  @Test
  void githubAnnotationsEscapePercentColonCommaAndNewlines(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);

    var first = check(tmp, sandbox, "--run", RUN, "--format", "github");
    var second = check(tmp, sandbox, "--run", RUN, "--format", "github");

    assertEquals(1, first.exitCode(), first::describe);
    assertEquals(GITHUB, first.lines(), first::describe);
    assertEquals(first.stdout(), second.stdout(), second::describe);
  }

  /** A run that times out, or exits non-zero without a trace, is a finding on its func main line; one that exits 0 is clean. */
  @Test
  void aTimeoutOrANonZeroExitIsAFindingOnFuncMain(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("runners", tmp);

    var result = check(tmp, sandbox, "--run", "./cmd/exit3", "--run", "./cmd/loop", "--run", "./cmd/hello", "--timeout", "2s");

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of(
        "cmd/exit3/main.go:9:1: error: ./cmd/exit3 exited with code 3: err [hotlsp]",
        "cmd/loop/main.go:6:1: error: ./cmd/loop did not end within 2s (stopped) [hotlsp]",
        "cmd/threads/main.go:12:6: hint: for loop can be modernized using range over int [gopls]"), result.lines(), result::describe);
  }

  /** --build-flag reaches the builds of --run targets: under -race a data race is a finding at each access. */
  @Test
  void aRunBuiltWithTheRaceDetectorReportsTheRace(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("crashers", tmp);

    var result = check(tmp, sandbox, "--no-build", "--build-flag", "-race", "--run", ".=race");

    assertEquals(1, result.exitCode(), result::describe);
    var races = result.lines().stream().filter(l -> l.contains(": error: data race: ") && l.endsWith("[hotlsp]")).toList();
    assertEquals(2, races.size(), result::describe);
    assertTrue(races.stream().allMatch(l -> l.startsWith("internal/work/work.go:")), result::describe);
  }

  /** --fail-on: the lowest severity that exits 1; below it the check passes with its report. */
  @Test
  void failOnSetsTheLowestSeverityThatFails(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);
    Files.delete(sandbox.path("internal/calc/calc.go"));
    Files.delete(sandbox.path("cmd/linkerr/main.go"));
    var warning = sandbox.root();
    var hintOnly = Sandbox.fromText(Files.createDirectories(tmp.resolve("hint")), Map.of(
        "go.mod", "module example.com/hint\n\ngo 1.22\n",
        "count.go", "package hint\n\nimport \"fmt\"\n\n// Count counts.\nfunc Count(n int) {\n\tfor i := 0; i < n; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n"));

    for (var c : List.of(
        new Object[] {warning, "error", 0}, new Object[] {warning, "warning", 1},
        new Object[] {hintOnly.root(), "warning", 0}, new Object[] {hintOnly.root(), "info", 0},
        new Object[] {hintOnly.root(), "hint", 1})) {
      var result = cli.run(tmp, "check", "--fail-on", (String) c[1], c[0].toString());
      assertEquals(c[2], result.exitCode(), () -> "--fail-on " + c[1] + "\n" + result.describe());
      assertTrue(result.lines().size() >= 1, result::describe);
    }
    var clean = cli.run(tmp, "check", "--fail-on", "hint", Sandbox.copyOf("hello", tmp).root().toString());
    assertEquals(0, clean.exitCode(), clean::describe);
    assertEquals("", clean.stdout(), clean::describe);
    assertTrue(clean.stderr().contains("0 errors, 0 warnings in 0 files"), clean::describe);
  }

  /** Exit 2 with one line of HotLSP's own and no stack trace: nothing was checked. */
  @Test
  void toolFailuresExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);
    var broken = Sandbox.fromText(Files.createDirectories(tmp.resolve("broken")), Map.of(
        "go.mod", "module example.com/broken\n\ngo 1.22\n\nfrobnicate 1\n", "main.go", "package main\n\nfunc main() {}\n"));
    var cases = List.of(
        List.of("check", "--format", "xml", sandbox.root().toString()),
        List.of("check", "--fail-on", "fatal", sandbox.root().toString()),
        List.of("check", "--gopls", tmp.resolve("no-gopls").toString(), sandbox.root().toString()),
        List.of("check", tmp.resolve("nowhere").toString()),
        List.of("check", broken.root().toString()),
        List.of("check", "--timeout-seconds", "0", sandbox.root().toString()),
        List.of("check", "--run", "./internal/shapes", sandbox.root().toString()),
        List.of("check", "--output", tmp.resolve("no/such/dir/out.txt").toString(), sandbox.root().toString()));
    for (var args : cases) {
      var result = cli.run(tmp, args.toArray(String[]::new));
      assertEquals(2, result.exitCode(), () -> args + "\n" + result.describe());
      assertEquals("", result.stdout(), () -> args + "\n" + result.describe());
      assertEquals(1, result.stderr().lines().filter(l -> l.startsWith("hotlsp:")).count(), () -> args + "\n" + result.describe());
      assertTrue(result.stderr().lines().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), result::describe);
    }
  }

  /** Several DIRs: each checked, one report, paths relative to the current directory. */
  @Test
  void severalDirectoriesMakeOneReport(@TempDir Path tmp) throws Exception {
    Sandbox.copyOf("typeerror", tmp);
    Sandbox.copyOf("hello", tmp);
    var cli = CliUnderTest.jvm();

    var result = cli.run(tmp, "check", "typeerror", "hello");

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of(
        "typeerror/main.go:8:10: error: cannot use \"three\" (untyped string constant) as int value in assignment [gopls]"),
        result.lines(), result::describe);
  }

  /** A go.work's directory: every module is diagnosed and built, paths relative to it. */
  @Test
  void aGoWorkOfTwoModulesIsCheckedWhole(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("gowork", tmp);
    sandbox.write("lib/greet/bad.go", "package greet\n\nvar n int = \"lib\"\n");
    sandbox.write("app/util/util.go", "package util\n\nvar n int = \"app\"\n");

    var result = cli.run(tmp, "check", sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of(
        "app/util/util.go:3:13: error: cannot use \"app\" (untyped string constant) as int value in variable declaration [gopls]",
        "lib/greet/bad.go:3:13: error: cannot use \"lib\" (untyped string constant) as int value in variable declaration [gopls]"),
        result.lines(), result::describe);
  }

  /** HotLSP's gopls findings are the ones gopls check prints for the same files, at every severity. */
  @Test
  void goplsFindingsAreThoseOfGoplsCheck(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("cicheck", tmp);
    var root = sandbox.root().toRealPath();
    List<String> files;
    try (Stream<Path> all = Files.walk(root)) {
      files = all.filter(p -> p.toString().endsWith(".go")).map(Path::toString).sorted().toList();
    }
    var command = new ArrayList<>(List.of(HarnessEnv.gopls().toString(), "check", "-severity=hint"));
    command.addAll(files);
    var gopls = ProcessRun.run(new CommandSpec(command, HarnessEnv.childEnvironment(), root), Duration.ofSeconds(120));
    var line = Pattern.compile("^(.+?):(\\d+):(\\d+)(?:-[\\d:]+)?: (.*)$");
    Set<String> expected = new TreeSet<>();
    for (var l : gopls.stdout().lines().toList()) {
      var m = line.matcher(l);
      assertTrue(m.matches(), () -> "unexpected gopls check line: " + l);
      expected.add(root.relativize(Path.of(m.group(1))) + ":" + m.group(2) + ":" + m.group(3) + " " + m.group(4));
    }

    var result = cli.run(tmp, "check", "--format", "json", root.toString());

    Set<String> ours = new TreeSet<>();
    for (var e : JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      if (f.get("source").getAsString().equals("gopls")) {
        ours.add(f.get("file").getAsString() + ":" + f.get("line") + ":" + f.get("column") + " " + f.get("message").getAsString());
      }
    }
    assertTrue(expected.size() >= 3, gopls::describe);
    assertEquals(expected, ours, result::describe);
  }

  private CliResult check(Path tmp, Sandbox sandbox, String... args) throws Exception {
    var all = new ArrayList<>(List.of("check"));
    all.addAll(List.of(args));
    all.add(sandbox.root().toString());
    return cli.run(tmp, all.toArray(String[]::new));
  }

  /** The errors and warnings of Microsoft's SARIF multitool (the SARIF rules and GitHub's), installed by ./dev setup. */
  static List<String> validate(Path sarif, Path tmp) throws Exception {
    var tool = HarnessEnv.repo().resolve(".tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    assumeTrue(Files.isExecutable(tool), "the SARIF multitool is missing: run ./dev setup");
    var out = tmp.resolve("validation.sarif");
    var env = new HashMap<>(HarnessEnv.childEnvironment());
    env.put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
    env.put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    var run = ProcessRun.run(new CommandSpec(List.of(tool.toString(), "validate", sarif.toString(), "--rule-kind", "Gh;Sarif",
        "--level", "Error;Warning", "--output", out.toString()), env, tmp), Duration.ofSeconds(120));
    assertEquals(0, run.exitCode(), run::describe);
    var problems = new ArrayList<String>();
    var log = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
    for (var r : log.getAsJsonArray("runs")) {
      var results = r.getAsJsonObject().getAsJsonArray("results");
      if (results == null) {
        continue;
      }
      for (var result : results) {
        var o = result.getAsJsonObject();
        var id = o.get("ruleId").getAsString();
        if (!id.equals("SARIF2005")) { // informationUri and the like: advice, not a rule GitHub enforces
          problems.add(id + ": " + o.getAsJsonObject("message"));
        }
      }
    }
    return problems;
  }
}
