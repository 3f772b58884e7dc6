package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.Severity;
import dev.hotlsp.proxy.check.CheckOptions;
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
  void testsOnSaveOnlyWhenAsked() throws Exception {
    assertFalse(OptionsParser.parse("serve").testOnSave());
    assertTrue(OptionsParser.parse("serve", "--test-on-save").testOnSave());
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
  void buildFlagsAreTakenOneEachForServeRunAndCheckAndHotLspsOwnAreRefused() throws Exception {
    for (var command : List.of("serve", "run", "check")) {
      var args = new java.util.ArrayList<>(List.of(command, "--build-flag", "-race", "--build-flag", "-tags=a,b"));
      if (command.equals("run")) {
        args.add("./cmd/app");
      }
      assertEquals(List.of("-race", "-tags=a,b"), OptionsParser.parse(args.toArray(String[]::new)).workspace().buildFlags());
    }
    assertEquals(List.of(), OptionsParser.parse("serve").workspace().buildFlags());
    var own = assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--build-flag", "-o=/tmp/x"));
    assertTrue(own.getMessage().contains("-o is HotLSP's to set"), own.getMessage());
    var two = assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--build-flag", "race"));
    assertTrue(two.getMessage().contains("not a go build flag: race"), two.getMessage());
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--build-flag"));
  }

  /** --for and --probe belong to the --run before them; a probe reaches only the loopback. */
  @Test
  void checkTakesForAndLoopbackProbesPerRun() throws Exception {
    var o = OptionsParser.parse("check", "--run", "./cmd/a=-addr=127.0.0.1:8080", "--for", "10s",
        "--probe", "http://127.0.0.1:8080/health", "--probe", "http://[::1]:8080/x?y=1", "--probe", "http://localhost/",
        "--probe", "http://127.1.2.3:9/", "--run", "./cmd/b");
    assertEquals(List.of(
        new CheckOptions.RunRequest("./cmd/a", List.of("-addr=127.0.0.1:8080"), java.util.Optional.of(Duration.ofSeconds(10)),
            List.of(java.net.URI.create("http://127.0.0.1:8080/health"), java.net.URI.create("http://[::1]:8080/x?y=1"),
                java.net.URI.create("http://localhost/"), java.net.URI.create("http://127.1.2.3:9/"))),
        new CheckOptions.RunRequest("./cmd/b", List.of())), o.check().runs());
    for (var url : List.of("http://10.0.0.1:8080/", "http://example.com/", "https://127.0.0.1/", "http://0.0.0.0:80/",
        "http://user@127.0.0.1/", "http://[::ffff:10.0.0.1]/", "127.0.0.1:8080")) {
      var e = assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--run", "./a", "--for", "1s", "--probe", url),
          url);
      assertTrue(e.getMessage().startsWith("--probe takes an http URL on the loopback"), e.getMessage());
    }
  }

  @Test
  void checkTakesOneDirectoryAndNeverWatches() throws Exception {
    var o = OptionsParser.parse("check", "some/dir");
    assertEquals(Path.of("some/dir"), o.directory().orElseThrow());
    assertFalse(o.workspace().watch());
    assertEquals(Path.of("."), OptionsParser.parse("check").directory().orElseThrow());
  }

  @Test
  void checkTakesDirectoriesRunsAFormatAnOutputAndAFailOnLevel() throws Exception {
    var o = OptionsParser.parse("check", "a", "--run", "./cmd/app=-n 3  -v", "b", "--run", "./cmd/tool", "--timeout", "1m30s",
        "--format", "sarif", "--output", "out.sarif", "--fail-on", "warning", "--gopls", "gopls");
    assertEquals(List.of(Path.of("a"), Path.of("b")), o.check().dirs());
    assertEquals(Path.of("a"), o.directory().orElseThrow());
    assertEquals(List.of(new CheckOptions.RunRequest("./cmd/app", List.of("-n", "3", "-v")),
        new CheckOptions.RunRequest("./cmd/tool", List.of())), o.check().runs());
    assertEquals(Duration.ofSeconds(90), o.check().runTimeout());
    assertEquals("sarif", o.check().format());
    assertEquals(Path.of("out.sarif"), o.check().output().orElseThrow());
    assertEquals(Severity.WARNING, o.check().failOn());
    assertEquals(CheckOptions.defaults(), OptionsParser.parse("check").check());
    assertEquals(Duration.ofMillis(500), OptionsParser.parse("check", "--timeout", "500ms").check().runTimeout());
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
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--format", "xml"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--fail-on", "fatal"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--timeout", "0s"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--timeout", "10"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--timeout", "1m-3s"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--run", "=x"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--for", "5s"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--run", "./a", "--for", "0s"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--run", "./a", "--probe", "http://127.0.0.1/"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("check", "--output"));
  }

  @Test
  void theMessageSizeLimitIsCappedAtWhatOneArrayOfTheHeapHolds() throws Exception {
    assertEquals(1L << 30, OptionsParser.parse("serve", "--max-message-bytes", "1073741824").maxMessageBytes());
    for (var tooBig : new String[] {"1073741825", "2500000000", "4294967306", "99999999999999999999"}) {
      var e = assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--max-message-bytes", tooBig));
      assertTrue(e.getMessage().contains("--max-message-bytes"), e.getMessage());
    }
  }

  @Test
  void outboxBudgetAndStallLimit() throws Exception {
    var o = OptionsParser.parse("serve", "--outbox-bytes", "1048576", "--stall-timeout-ms", "1500");
    assertEquals(1L << 20, o.outbox().budgetBytes());
    assertEquals(java.time.Duration.ofMillis(1500), o.outbox().stallLimit());
    assertEquals(16L << 20, OptionsParser.parse("serve").outbox().budgetBytes());
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--outbox-bytes", "100"));
    assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--stall-timeout-ms", "0"));
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
