package dev.hotlsp.proxy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
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

/**
 * {@code hotlsp crash} through {@link Main} with real go and a copy of test-workspaces/crashers: a
 * trace from another machine (paths under /build and /home/ci) mapped onto the copy.
 */
class CrashCommandTest {
  private static final Path OTHER_MACHINE =
      HarnessEnv.repo().resolve("gopls-bridge/src/test/resources/crash/handmade/other-machine.trace");

  @Test
  void textFormatPrintsOneLinePerFindingAndItsChainIndentedAndExitsOne(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("crashers", tmp).root();

    var result = run("", "crash", "--workspace", ws.toString(), OTHER_MACHINE.toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of(
            "internal/store/store.go:13:2: error: panic: assignment to entry in nil map [panic]",
            "    main.go:31:3: called from main.main",
            "internal/work/work.go:48:2: error: panic: runtime error: index out of range [3] with length 0 [panic]",
            "    internal/work/work.go:42:2: goroutine 18 created by work.InGoroutine"),
        result.lines(), result::describe);
  }

  @Test
  void jsonFormatFollowsTheSharedSchemaWithUtf16ColumnsAndRelativePaths(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("crashers", tmp).root();
    var trace = Files.readString(OTHER_MACHINE, UTF_8);

    var result = run(trace, "crash", "--workspace", ws.toString(), "--format", "json", "-");

    assertEquals(1, result.exitCode(), result::describe);
    var findings = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonArray("findings");
    assertEquals(2, findings.size(), result::describe);
    var first = findings.get(0).getAsJsonObject();
    assertEquals(JsonParser.parseString("""
        {"file": "internal/store/store.go", "line": 13, "column": 2, "endLine": 13, "endColumn": 14,
         "severity": "error", "source": "hotlsp", "code": "panic", "message": "panic: assignment to entry in nil map",
         "related": [{"file": "main.go", "line": 31, "column": 3, "message": "called from main.main"}]}
        """), first, result::describe);
  }

  @Test
  void aServersLogWithTheSameRecoveredPanicThreeTimesIsOneWarningCountedAndADumpItsHangs(@TempDir Path tmp)
      throws Exception {
    var ws = Sandbox.copyOf("servers", tmp).root();
    var golden = HarnessEnv.repo().resolve("gopls-bridge/src/test/resources/crash/servers");
    String root = Files.readString(golden.resolve("source-root.txt"), UTF_8).strip();
    String panic = Files.readString(golden.resolve("nethttp.trace"), UTF_8).replace(root, ws.toString());
    String dump = Files.readString(golden.resolve("stuck.trace"), UTF_8).replace(root, ws.toString());
    var log = tmp.resolve("server.log");
    Files.writeString(log, panic + panic + "2026/12/06 10:00:00 GET /healthz 200\n" + panic + dump, UTF_8);

    var result = run("", "crash", "--workspace", ws.toString(), log.toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of(
            "cmd/nethttp/main.go:19:3: warning: recovered panic: assignment to entry in nil map (3 times) [recovered-panic]",
            "cmd/stuck/main.go:19:2: warning: hang: goroutine 21 blocked: chan receive [hang]",
            "    cmd/stuck/main.go:26:2: goroutine 21 created by main.main",
            "cmd/stuck/main.go:31:3: warning: hang: goroutine 22 blocked: sync.Mutex.Lock [hang]"),
        result.lines(), result::describe);
  }

  @Test
  void outputWithoutACrashExitsZeroAndPrintsNothing(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("crashers", tmp).root();

    var result = run("hello\npanic: only a log line\nbye\n", "crash", "--workspace", ws.toString());

    assertEquals(0, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
  }

  @Test
  void anUnreadableFileExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
    var ws = Sandbox.copyOf("crashers", tmp).root();

    var result = run("", "crash", "--workspace", ws.toString(), tmp.resolve("missing.log").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
    assertEquals(1, result.stderr().lines().count(), result::describe);
    assertTrue(result.stderr().startsWith("hotlsp: cannot read "), result::describe);
  }

  @Test
  void aDirectoryThatIsNotAGoWorkspaceExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
    var result = run("panic: x\n", "crash", "--workspace", tmp.toString(), OTHER_MACHINE.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertEquals(1, result.stderr().lines().count(), result::describe);
    assertTrue(result.stderr().contains("is not a Go workspace"), result::describe);
  }

  @Test
  void controlSequencesInAPanicMessageArePrintedEscaped(@TempDir Path tmp) throws Exception {
    var ws = HostilePanic.workspace(tmp.resolve("ws"));
    var trace = "panic: " + HostilePanic.MESSAGE + "\n\ngoroutine 1 [running]:\nmain.main()\n\t"
        + ws.resolve("main.go") + ":" + HostilePanic.LINE + " +0x58\nexit status 2\n";
    var elsewhere = trace.replace(ws.resolve("main.go").toString(), "/elsewhere/\u001b[2Jx/other.go");

    var result = run(trace + elsewhere, "crash", "--workspace", ws.toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of("main.go:" + HostilePanic.LINE + ":2: error: panic: " + HostilePanic.ESCAPED + " [panic]"),
        result.lines(), result::describe);
    assertEquals(List.of("hotlsp: no frame of this crash is in " + ws.toAbsolutePath().normalize() + ": panic: " + HostilePanic.ESCAPED),
        result.stderr().lines().toList(), result::describe);
  }

  @Test
  void aBadFormatIsAUsageError() throws Exception {
    var result = run("", "crash", "--format", "xml");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.stderr().startsWith("hotlsp: --format must be text or json"), result::describe);
  }

  private static CliResult run(String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = new Main(new ByteArrayInputStream(stdin.getBytes(UTF_8)), out, new PrintStream(err, true, UTF_8),
        HarnessEnv.childEnvironment()).run(args);
    return new CliResult(code, out.toString(UTF_8), err.toString(UTF_8));
  }
}
