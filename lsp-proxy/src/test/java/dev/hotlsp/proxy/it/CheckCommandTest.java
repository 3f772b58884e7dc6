package dev.hotlsp.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.AlteredGopls;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotlsp check DIR}: diagnostics as {@code path:line:col: severity: message}, exit 0 clean / 1 errors / 2 failure
 * with one line on stderr; the same in this JVM, in a separate JVM and through {@code ./hotlsp}.
 */
class CheckCommandTest {
  private static final Pattern TYPE_ERROR = Pattern.compile("^(\\S*main\\.go):8:10: error: cannot use \"three\".*$");

  static Stream<CliUnderTest> clis() {
    return Stream.of(CliUnderTest.inProcess(), CliUnderTest.jvm(), CliUnderTest.launcher());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void typeErrorIsPrintedAndExitsOne(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);

    var result = cli.run(tmp, "check", sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(1, result.lines().size(), result::describe);
    var matcher = TYPE_ERROR.matcher(result.lines().get(0));
    assertTrue(matcher.matches(), result::describe);
    var path = Path.of(matcher.group(1));
    assertTrue(
        path.isAbsolute() ? Files.isSameFile(path, sandbox.path("main.go")) : Files.exists(sandbox.root().resolve(path)),
        () -> "path " + path + " does not name the checked file\n" + result.describe());
  }

  /** gopls escapes "(" and ")" in URIs where Java's toUri does not; check must still see gopls's diagnostics. */
  @org.junit.jupiter.api.Test
  void aWorkspaceInADirectoryWithParenthesesIsChecked(@TempDir Path tmp) throws Exception {
    var cli = CliUnderTest.inProcess();
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", Files.createDirectories(tmp.resolve("go (copy)")));

    var result = cli.run(tmp, "check", "--timeout-seconds", "60", sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(1, result.lines().size(), result::describe);
    assertTrue(TYPE_ERROR.matcher(result.lines().get(0)).matches(), result::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void cleanWorkspaceExitsZeroSilently(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("hello", tmp);

    var result = cli.run(tmp, "check", sandbox.root().toString());

    assertEquals(0, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void missingDirectoryExitsTwoWithAMessage(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var missing = tmp.resolve("no-such-dir");

    var result = cli.run(tmp, "check", missing.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
    assertFalse(result.stderr().isBlank(), result::describe);
    assertTrue(result.stderr().contains("no-such-dir"), result::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void withoutAGoCommandExitsTwoWithOneLine(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", Files.createDirectories(tmp.resolve("ws")));
    var bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("gopls"), HarnessEnv.gopls());
    var path = bin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
    assumeTrue(Stream.of("/usr/bin/go", "/bin/go").noneMatch(p -> Files.exists(Path.of(p))), "go is in /usr/bin or /bin");
    var env = new HashMap<>(HarnessEnv.childEnvironment());
    env.put("PATH", path);
    env.remove("GOROOT");

    var result = cli.run(tmp, env, "check", sandbox.root().toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertEquals("", result.stdout(), result::describe);
    assertOneClearLine(result, "no go command on PATH");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void aDirectoryWithoutGoModOrGoWorkExitsTwo(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var empty = Files.createDirectories(tmp.resolve("empty"));
    var loose = Sandbox.fromText(Files.createDirectories(tmp.resolve("loose")),
        Map.of("main.go", "package main\n\nfunc main() {\n\tvar x int = \"s\"\n\t_ = x\n}\n")).root();

    for (var dir : List.of(empty, loose)) {
      var result = cli.run(tmp, "check", dir.toString());

      assertEquals(2, result.exitCode(), result::describe);
      assertEquals("", result.stdout(), result::describe);
      assertOneClearLine(result, "not a Go workspace: " + dir + " (no go.mod or go.work found)");
    }
  }

  /** A directory inside a module is checked as go and gopls see it: in the go.mod above it, its own packages only. */
  @org.junit.jupiter.api.Test
  void aDirectoryInsideAModuleIsCheckedInThatModule(@TempDir Path tmp) throws Exception {
    var cli = CliUnderTest.inProcess();
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    sandbox.write("sub/sub.go", "package sub\n\nvar X int = \"sub\"\n");

    var result = cli.run(tmp, "check", sandbox.path("sub").toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of("sub.go:3:13: error: cannot use \"sub\" (untyped string constant) as int value in variable declaration [gopls]"),
        result.lines(), result::describe);
  }

  /** go and gopls read a Go file as bytes and report invalid UTF-8 where it is; so must check, and report the rest. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void aFileThatIsNotUtf8IsReportedAsGoplsReadsIt(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    var latin1 = "package main\n\n// caf\u00e9\nvar greeting = \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(sandbox.path("latin1.go"), latin1);

    var result = cli.run(tmp, "check", sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.lines().contains("latin1.go:3:7: error: illegal UTF-8 encoding [gopls]"), result::describe);
    assertTrue(result.lines().stream().anyMatch(l -> TYPE_ERROR.matcher(l).matches()), result::describe);
    assertNoStackTrace(result);
  }

  /**
   * A directory check cannot read is skipped with a warning; the rest is reported. As root, where
   * file modes do not bite, the subprocess runs without the capabilities that override them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void anUnreadableDirectoryIsSkippedWithAWarning(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    sandbox.write("secret/secret.go", "package secret\n");
    var secret = sandbox.path("secret");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      assumeFalse(cli.runsInThisJvm(), "running as root: file modes do not bite in this JVM");
      assumeTrue(HarnessEnv.onPath("setpriv").isPresent(), "setpriv is missing");
      cli = cli.wrappedIn(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"));
    }
    Files.setPosixFilePermissions(secret, Set.of());
    try {
      var result = cli.run(tmp, "check", sandbox.root().toString());

      assertEquals(1, result.exitCode(), result::describe);
      assertEquals(1, result.lines().size(), result::describe);
      assertTrue(TYPE_ERROR.matcher(result.lines().get(0)).matches(), result::describe);
      assertOneClearLine(result, "warning: cannot read " + secret);
    } finally {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** The report is the result: a gopls that never finishes shutting down is stopped, and the exit code stays the report's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void aGoplsStuckInShutdownDoesNotChangeTheResult(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    var gopls = String.join(" ", AlteredGopls.command("stuck-shutdown", HarnessEnv.gopls()));

    var result = cli.run(tmp, "check", "--gopls", gopls, sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(1, result.lines().size(), result::describe);
    assertTrue(TYPE_ERROR.matcher(result.lines().get(0)).matches(), result::describe);
    assertNoStackTrace(result);
  }

  /** A server without gopls's diagnose_files command is waited for by what it publishes. */
  @org.junit.jupiter.api.Test
  void aServerWithoutDiagnoseFilesIsWaitedForByItsDiagnostics(@TempDir Path tmp) throws Exception {
    var cli = CliUnderTest.inProcess();
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    var gopls = String.join(" ", AlteredGopls.command("no-diagnose-files", HarnessEnv.gopls()));

    var result = cli.run(tmp, "check", "--gopls", gopls, sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(1, result.lines().size(), result::describe);
    assertTrue(TYPE_ERROR.matcher(result.lines().get(0)).matches(), result::describe);
  }

  /** {@code --trace FILE} records a check's messages on both sides, as for serve. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void traceRecordsEveryMessageOfACheck(CliUnderTest cli, @TempDir Path tmp) throws Exception {
    assumeAvailable(cli);
    var sandbox = Sandbox.copyOf("typeerror", Files.createDirectories(tmp.resolve("ws")));
    var trace = tmp.resolve("trace.log");

    var result = cli.run(tmp, "check", "--trace", trace.toString(), sandbox.root().toString());

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(Files.exists(trace), result::describe);
    var lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
    for (var expected : List.of(
        "editor->hotlsp \"initialize\"",
        "hotlsp->gopls \"initialize\"",
        "editor->hotlsp \"textDocument/didOpen\"",
        "gopls->hotlsp \"textDocument/publishDiagnostics\"",
        "hotlsp->editor \"textDocument/publishDiagnostics\"",
        "editor->hotlsp \"shutdown\"")) {
      var direction = expected.split(" ")[0] + " ";
      var method = "\"method\":" + expected.split(" ")[1];
      assertTrue(lines.stream().map(l -> l.split(" ", 2)[1]).anyMatch(l -> l.startsWith(direction) && l.contains(method)),
          () -> "no " + expected + " in the trace:\n" + String.join("\n", lines));
    }
  }

  /** Exactly one line of HotLSP's own on stderr, containing {@code text}, and no stack trace. */
  private static void assertOneClearLine(CliResult result, String text) {
    var own = result.stderr().lines().filter(l -> l.startsWith("hotlsp:")).toList();
    assertEquals(1, own.size(), result::describe);
    assertTrue(own.get(0).contains(text), () -> "\"" + text + "\" expected in " + own.get(0) + "\n" + result.describe());
    assertNoStackTrace(result);
  }

  private static void assertNoStackTrace(CliResult result) {
    assertTrue(result.stderr().lines().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), result::describe);
  }

  private static void assumeAvailable(CliUnderTest cli) {
    var why = cli.unavailable();
    assumeTrue(why.isEmpty(), () -> cli.name() + ": " + why.orElse(""));
  }
}
