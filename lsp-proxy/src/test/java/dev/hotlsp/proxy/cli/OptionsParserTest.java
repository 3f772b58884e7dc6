package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsParserTest {
  @Test
  void parsesServeOptions() throws Exception {
    var o = OptionsParser.parse("serve", "--gopls", "python3 echo.py", "--crash-limit", "7", "--crash-window-seconds", "60",
        "--max-message-bytes", "2048", "--no-build", "--target", "a/b", "--exclude", "gen/**", "--debounce-ms", "80");
    assertEquals(List.of("python3", "echo.py"), o.gopls().orElseThrow());
    assertEquals(7, o.crashLimit());
    assertEquals(Duration.ofSeconds(60), o.crashWindow());
    assertEquals(2048, o.maxMessageBytes());
    assertTrue(o.workspace().watch());
    assertFalse(o.workspace().build());
    assertEquals(List.of("a/b"), o.workspace().targets());
    assertEquals(List.of("gen/**"), o.workspace().excludeGlobs());
    assertEquals(Duration.ofMillis(80), o.workspace().debounce());
  }

  @Test
  void buildsAtStartOnlyWhatItIsAskedTo() throws Exception {
    var none = OptionsParser.parse("serve").workspace();
    assertEquals(List.of(), none.startTargets());
    assertFalse(none.startAll());
    var some = OptionsParser.parse("serve", "--build", "m/cmd/a", "--build", "m/cmd/b").workspace();
    assertEquals(List.of("m/cmd/a", "m/cmd/b"), some.startTargets());
    assertEquals(List.of(), some.targets(), "no --target: every main package is a run target");
    var restricted = OptionsParser.parse("serve", "--target", "m/cmd/a", "--build", "m/cmd/b").workspace();
    assertEquals(List.of("m/cmd/a", "m/cmd/b"), restricted.targets(), "a target built at start is a run target");
    assertTrue(OptionsParser.parse("serve", "--build-all-on-open").workspace().startAll());
  }

  @Test
  void checkTakesOneDirectoryAndNeverWatches() throws Exception {
    var o = OptionsParser.parse("check", "some/dir");
    assertEquals(Path.of("some/dir"), o.directory().orElseThrow());
    assertFalse(o.workspace().watch());
    assertEquals(Path.of("."), OptionsParser.parse("check").directory().orElseThrow());
  }

  @Test
  void crashTakesAWorkspaceAFormatAndOneInput() throws Exception {
    var o = OptionsParser.parse("crash", "--workspace", "ws", "--format", "json", "out.log");
    assertEquals(new CrashOptions(Path.of("ws"), "json", java.util.Optional.of(Path.of("out.log"))), o.crash());
    assertEquals(new CrashOptions(Path.of("."), "text", java.util.Optional.empty()), OptionsParser.parse("crash", "-").crash());
    assertThrows(UsageException.class, () -> OptionsParser.parse("crash", "a.log", "b.log"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("crash", "--format", "sarif"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("crash", "-x"));
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertThrows(UsageException.class, () -> OptionsParser.parse());
    assertThrows(UsageException.class, () -> OptionsParser.parse("frobnicate"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--nope"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--crash-limit"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--crash-limit", "x"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--crash-limit", "0"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "a", "b"));
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    var err = new java.io.ByteArrayOutputStream();
    int code = new Main(java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(),
        new java.io.PrintStream(err, true), java.util.Map.of()).run("serve", "--bogus");
    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown option: --bogus"), err.toString());
  }
}
