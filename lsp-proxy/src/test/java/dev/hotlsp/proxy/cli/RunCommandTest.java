package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotlsp run} through {@code Main} with the real go and runner on test-workspaces/runners:
 * the program's output on HotLSP's streams, one summary line on stderr, and its exit code (the
 * program's, 128+N for a signal, 124 timeout, 125 sandbox error).
 */
class RunCommandTest {
  private static final Pattern SUMMARY = Pattern.compile(
      "hotlsp: ([a-z-]+) exit=(-?\\d+) wall=\\d+ms cpu=-?\\d+ms peak=-?\\d+KiB truncated=\\d+");
  private final CliUnderTest cli = CliUnderTest.inProcess();
  private Path workspace;

  @BeforeEach
  void copy(@TempDir Path tmp) throws Exception {
    workspace = Sandbox.copyOf("runners", tmp).root();
  }

  private CliResult run(String... args) throws Exception {
    var all = new java.util.ArrayList<>(List.of("run", "--workspace", workspace.toString()));
    all.addAll(List.of(args));
    return cli.run(workspace, all.toArray(String[]::new));
  }

  /** {@code exit}: the program's exit code in the summary, null when it is not checked. */
  private static void assertSummary(CliResult r, String reason, Integer exit) {
    var last = r.stderr().lines().reduce((a, b) -> b).orElse("");
    var m = SUMMARY.matcher(last);
    assertTrue(m.matches(), () -> "the last stderr line is the summary: " + r.describe());
    assertEquals(reason, m.group(1), r::describe);
    if (exit != null) {
      assertEquals(exit, Integer.parseInt(m.group(2)), r::describe);
    }
  }

  @Test
  void theProgramsOutputAndExitCodeAreHotlspsAndASummaryLineEnds(@TempDir Path tmp) throws Exception {
    var ok = run("./cmd/hello", "--", "a", "b");
    assertEquals(0, ok.exitCode(), ok::describe);
    assertEquals("hello [a b] \n", ok.stdout(), ok::describe);
    assertSummary(ok, "exited", 0);

    var report = tmp.resolve("report.json");
    var three = run("--report", report.toString(), "example.com/runners/cmd/exit3");
    assertEquals(3, three.exitCode(), three::describe);
    assertEquals("out\n", three.stdout());
    assertTrue(three.stderr().startsWith("err\n"), three::describe);
    assertSummary(three, "crashed", 3);
    var json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertEquals("crashed", json.get("reason").getAsString());
    assertEquals(3, json.get("exitCode").getAsInt());
    assertEquals("example.com/runners/cmd/exit3", json.get("target").getAsString());
    for (var member : List.of("runId", "signal", "wallMs", "cpuMs", "peakRssKiB", "truncatedBytes")) {
      assertTrue(json.has(member), member);
    }
  }

  @Test
  void aTimeoutExits124AndASignal128PlusN() throws Exception {
    var loop = run("--timeout", "500ms", "./cmd/loop");
    assertEquals(124, loop.exitCode(), loop::describe);
    assertSummary(loop, "timeout", null);

    var hog = run("--memory", "64MiB", "./cmd/hog");
    assertEquals(137, hog.exitCode(), hog::describe);
    assertSummary(hog, "memory-limit", 137);
  }

  @Test
  void aCrashIsAlsoToldOnTheUsersLineAsTheCompilerTellsAnErrorBeforeTheSummary(@TempDir Path tmp) throws Exception {
    var crashers = Sandbox.copyOf("crashers", tmp).root();
    var r = cli.run(crashers, "run", "--workspace", crashers.toString(), ".", "--", "nil-map");
    assertEquals(2, r.exitCode(), r::describe);
    var lines = r.stderr().lines().toList();
    int at = lines.indexOf("internal/store/store.go:13:2: error: panic: assignment to entry in nil map [panic]");
    assertTrue(at > 0, r::describe);
    assertTrue(lines.subList(0, at).contains("panic: assignment to entry in nil map"), "Go's own trace comes first");
    assertEquals("    main.go:31:3: called from main.main", lines.get(at + 1), r::describe);
    assertEquals(at + 3, lines.size(), r::describe);
    assertSummary(r, "crashed", 2);

    var fine = cli.run(crashers, "run", "--workspace", crashers.toString(), ".", "--", "no-such-mode");
    assertTrue(fine.stderr().lines().noneMatch(l -> l.contains(": error: ")), fine::describe);
  }

  @Test
  void controlSequencesInAPanicArePrintedEscapedByHotlspAndPassedThroughUnchangedFromTheProgram(@TempDir Path tmp)
      throws Exception {
    var ws = HostilePanic.workspace(tmp);
    var r = cli.run(ws, "run", "--workspace", ws.toString(), ".");
    assertEquals(2, r.exitCode(), r::describe);
    assertEquals(HostilePanic.STDOUT, r.stdout(), "the program's stdout is passed through unchanged");
    assertTrue(r.stderr().contains("panic: " + HostilePanic.MESSAGE + "\n"), "so is its stderr: " + r.describe());
    var lines = r.stderr().lines().toList();
    assertTrue(lines.contains("main.go:" + HostilePanic.LINE + ":2: error: panic: " + HostilePanic.ESCAPED + " [panic]"),
        r::describe);
    assertSummary(r, "crashed", 2);
    var own = lines.stream().filter(l -> l.startsWith("main.go:") || l.startsWith("hotlsp:")).toList();
    assertEquals(2, own.size(), r::describe);
    assertTrue(own.stream().noneMatch(HostilePanic::hasControls), r::describe);
  }

  @Test
  void aBuildFlagReachesTheBuildARaceIsToldAtBothAccesses(@TempDir Path tmp) throws Exception {
    var crashers = Sandbox.copyOf("crashers", tmp).root();
    var r = cli.run(crashers, "run", "--build-flag", "-race", "--workspace", crashers.toString(), ".", "--", "race");
    assertEquals(66, r.exitCode(), r::describe);
    var lines = r.stderr().lines().toList();
    assertTrue(lines.contains("WARNING: DATA RACE"), r::describe);
    // which access the detector saw first varies: one of the two is the "previous" one
    var races = lines.stream().filter(l -> l.matches("internal/work/work\\.go:\\d+:\\d+: error: data race: .* \\[race\\]")).toList();
    assertEquals(2, races.size(), r::describe);
    assertEquals(1, races.stream().filter(l -> l.contains("data race: previous ")).count(), r::describe);
    assertSummary(r, "crashed", 66);
  }

  @Test
  void gvisorRunsWhereRunscIsAndIsASandboxErrorWhereNotAndABadTargetExitsTwo() throws Exception {
    var gvisor = run("--isolation", "gvisor", "./cmd/hello", "--", "a");
    if (List.of("/usr/bin/runsc", "/usr/local/bin/runsc", "/usr/sbin/runsc").stream().anyMatch(p -> Files.exists(Path.of(p)))) {
      assertEquals(0, gvisor.exitCode(), gvisor::describe);
      assertEquals("hello [a] \n", gvisor.stdout(), gvisor::describe);
      assertSummary(gvisor, "exited", 0);
    } else {
      assertEquals(125, gvisor.exitCode(), gvisor::describe);
      assertTrue(gvisor.stderr().contains("runsc"), gvisor::describe);
      assertSummary(gvisor, "sandbox-error", 125);
    }

    var none = run("./cmd/nothing");
    assertEquals(2, none.exitCode(), none::describe);
    assertTrue(none.stderr().contains("no package ./cmd/nothing"), none::describe);
  }
}
