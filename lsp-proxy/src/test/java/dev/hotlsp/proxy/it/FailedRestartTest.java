package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.showMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.GoplsProcesses;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.ProcStat;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restarted gopls that never answers {@code initialize}, or exits at once, counts as one crash,
 * with the real gopls and {@code --initialize-timeout-ms 2000}.
 *
 * <p>Design, deterministic by construction: {@code --gopls} runs {@code misbehave-once.sh MODE
 * MARKER GOPLS}, which execs the real gopls unless the file MARKER exists; a start that finds it
 * renames it to {@code MARKER.used} (atomically, so exactly one start takes it) and then, in mode
 * {@code hang}, reads its input forever without answering, its output left open, or in mode
 * {@code exit} exits with code 3. The test creates the marker only once the first gopls serves,
 * then SIGKILLs that gopls: the first restart takes the marker and misbehaves (a hang is killed
 * when the timeout ends), and the next start, if the crash limit allows one, is the real gopls
 * again. Nothing depends on how fast anything runs, only on the order of starts.
 */
class FailedRestartTest {
  private static final Duration PROCESS_WAIT = Duration.ofSeconds(30);
  private static final String HUNG = "did not answer initialize within 2000 ms";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxy-in-process", "proxy-jvm"})
  void hangingRestartIsKilledAndTheNextStartServes(String mode, @TempDir Path tmp) throws Exception {
    var marker = tmp.resolve("hang-marker");
    try (var editor = Sessions.start(server(mode, "hang", marker, "100"), "typeerror", tmp)) {
      var uri = startSession(editor);
      var gopls = GoplsProcesses.of(editor);
      Files.createFile(marker);
      var mark = editor.log().mark();
      gopls.killCurrent(PROCESS_WAIT);

      var restored = showMessages(editor.await(showMessages(2, "restored 1 open document", 1)), 2, "restored");
      assertTrue(restored.get(0).contains(HUNG), () -> restored + "\nstderr:\n" + editor.serverStderr());
      assertTrue(Files.exists(tmp.resolve("hang-marker.used")) && !Files.exists(marker), "one start took the marker");
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\"").since(mark));
      assertHoverWorks(editor);
      awaitNoHangingStart(editor);
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
      gopls.awaitNoneLeft(PROCESS_WAIT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxy-in-process", "proxy-jvm"})
  void hangingRestartCountsTowardsTheCrashLimit(String mode, @TempDir Path tmp) throws Exception {
    var marker = tmp.resolve("hang-marker");
    try (var editor = Sessions.start(server(mode, "hang", marker, "2"), "typeerror", tmp)) {
      var uri = startSession(editor);
      var gopls = GoplsProcesses.of(editor);
      Files.createFile(marker);
      gopls.killCurrent(PROCESS_WAIT);

      var gaveUp = showMessages(editor.await(showMessages(1, "hotlsp.restartGopls", 1)), 1, "hotlsp.restartGopls");
      assertTrue(gaveUp.get(0).contains(HUNG), () -> gaveUp + "\nstderr:\n" + editor.serverStderr());
      assertEquals(List.of(), showMessages(editor.log().snapshot(), 2, "restored"), "no restart after the hang");
      awaitNoHangingStart(editor);

      var mark = editor.log().mark();
      assertEquals(JsonNull.INSTANCE, editor.requests().executeCommand("hotlsp.restartGopls"));
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\"").since(mark));
      assertHoverWorks(editor);
      assertFalse(Files.exists(marker));
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
      gopls.awaitNoneLeft(PROCESS_WAIT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxy-in-process", "proxy-jvm"})
  void restartThatExitsAtOnceCountsAsOneCrash(String mode, @TempDir Path tmp) throws Exception {
    var marker = tmp.resolve("exit-marker");
    try (var editor = Sessions.start(server(mode, "exit", marker, "3"), "typeerror", tmp)) {
      var uri = startSession(editor);
      var gopls = GoplsProcesses.of(editor);
      Files.createFile(marker);
      var mark = editor.log().mark();
      gopls.killCurrent(PROCESS_WAIT);

      var view = editor.await(Expectation.of("gopls restored or given up", v ->
          !showMessages(v, 2, "restored").isEmpty() || !showMessages(v, 1, "hotlsp.restartGopls").isEmpty()));
      assertEquals(List.of(), showMessages(view, 1, "hotlsp.restartGopls"), "2 crashes of 3 allowed");
      var restored = showMessages(view, 2, "restored 1 open document");
      var crash = restored.get(0);
      assertTrue(crash.contains("exited with code 3") || crash.contains("failed before answering initialize"), crash);
      assertFalse(crash.contains("within 2000 ms"), crash);
      assertTrue(Files.exists(tmp.resolve("exit-marker.used")));
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\"").since(mark));
      assertHoverWorks(editor);
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
      gopls.awaitNoneLeft(PROCESS_WAIT);
    }
  }

  private static ServerUnderTest server(String mode, String misbehaviour, Path marker, String crashLimit)
      throws Exception {
    var script = Path.of(FailedRestartTest.class.getResource("misbehave-once.sh").toURI());
    var gopls = String.join(
        " ", "/bin/sh", script.toString(), misbehaviour, marker.toString(), HarnessEnv.gopls().toString());
    var args = List.of("--gopls", gopls, "--initialize-timeout-ms", "2000", "--crash-limit", crashLimit);
    return mode.equals("proxy-jvm") ? Servers.proxyJvm(args) : Servers.proxyInProcess(args);
  }

  private static String startSession(FakeEditor editor) throws InterruptedException {
    var uri = editor.open("main.go");
    editor.await(diagnosticAt(uri, 7, "cannot use \"three\""));
    return uri;
  }

  private static void assertHoverWorks(FakeEditor editor) throws InterruptedException {
    var hover = editor.requests().hover("main.go", editor.positionOf("main.go", "count ="));
    assertTrue(hover.toString().contains("var count int"), hover::toString);
  }

  /** The hanging start (a {@code cat} reading gopls's input) was killed, not left behind. */
  private static void awaitNoHangingStart(FakeEditor editor) {
    Poll.until("no hanging start left", PROCESS_WAIT,
        () -> editor.serverDescendants().noneMatch(p -> ProcStat.isLive(p.pid(), "cat")),
        () -> "descendants: " + editor.serverDescendants().toList());
  }
}
