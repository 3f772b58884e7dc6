package dev.hotlsp.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code hotlsp check DIR}: diagnostics as {@code path:line:col: severity: message}, exit 0 clean / 1 errors / 2 failure. */
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

  private static void assumeAvailable(CliUnderTest cli) {
    var why = cli.unavailable();
    assumeTrue(why.isEmpty(), () -> cli.name() + ": " + why.orElse(""));
  }
}
