package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.showMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.LspError;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run commands through the real proxy, gopls, go and runner on test-workspaces/runners: they
 * are advertised, refuse bad arguments with -32602 and a message that says why, stop a program
 * that ignores SIGTERM after the grace, and hold a program that keeps crashing at start.
 */
class RunCommandsTest {
  private static final EditorConfig CONFIG = EditorConfig.defaults().withWatchedFilesRegistration(false);

  @Test
  void withoutATargetAndSeveralMainsTheErrorListsThem(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp, CONFIG)) {
      var commands = editor.initializeResult().getAsJsonObject("capabilities")
          .getAsJsonObject("executeCommandProvider").getAsJsonArray("commands").toString();
      for (var c : List.of("hotlsp.run", "hotlsp.stop", "hotlsp.restart", "hotlsp.status")) {
        assertTrue(commands.contains("\"" + c + "\""), commands);
      }
      var e = assertThrows(LspError.class, () -> editor.requests().executeCommand("hotlsp.run"));
      assertEquals(-32602, e.code(), e::getMessage);
      assertTrue(e.getMessage().contains("several main packages, name one as target: example.com/runners/cmd/dial, "
          + "example.com/runners/cmd/exit3"), e.getMessage());
      var bad = assertThrows(LspError.class, () -> editor.requests().executeCommand("hotlsp.run",
          JsonParser.parseString("{\"target\":\"./cmd/hello\",\"args\":\"x\"}")));
      assertEquals(-32602, bad.code());
      assertTrue(bad.getMessage().contains("hotlsp.run: args must be an array of strings"), bad.getMessage());
      var unknown = assertThrows(LspError.class, () -> editor.requests().executeCommand("hotlsp.stop",
          JsonParser.parseString("{\"target\":\"./cmd/nothing\"}")));
      assertEquals(-32602, unknown.code());
      assertTrue(unknown.getMessage().contains("no package ./cmd/nothing"), unknown.getMessage());
      assertEquals(new JsonArray(), editor.requests().executeCommand("hotlsp.status"));
    }
  }

  @Test
  void targetsListsTheMainPackagesThePageCanRun(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp, CONFIG)) {
      var targets = editor.requests().executeCommand("hotlsp.targets").getAsJsonArray();
      var names = new java.util.ArrayList<String>();
      targets.forEach(t -> names.add(t.getAsString()));
      assertTrue(names.contains("example.com/runners/cmd/dial") && names.contains("example.com/runners/cmd/exit3"),
          names.toString());
      assertEquals(names.stream().sorted().toList(), names, "sorted");
      assertTrue(names.stream().allMatch(n -> n.startsWith("example.com/runners/cmd/")), names.toString());
    }
  }

  @Test
  void stopSendsTheStopSignalThenKillsAfterTheGrace(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--grace", "300ms")), "runners", tmp, CONFIG)) {
      var started = Runs.run(editor, "./cmd/noterm");
      editor.await(Runs.output(started.get("runId").getAsString(), "ignoring SIGTERM"));
      var status = editor.requests().executeCommand("hotlsp.status").getAsJsonArray();
      assertEquals(1, status.size(), status::toString);
      assertEquals(started.get("pid"), status.get(0).getAsJsonObject().get("pid"));
      assertEquals("local", status.get(0).getAsJsonObject().get("isolation").getAsString());

      var stopped = editor.requests().executeCommand("hotlsp.stop",
          JsonParser.parseString("{\"target\":\"example.com/runners/cmd/noterm\"}")).getAsJsonObject();
      assertEquals("[\"example.com/runners/cmd/noterm\"]", stopped.get("stopped").toString());
      var end = Runs.endOf(editor.await(Runs.endedRun(started.get("runId").getAsString())),
          started.get("runId").getAsString());
      assertEquals("stopped", end.get("reason").getAsString(), end::toString);
      assertEquals(9, end.get("signal").getAsInt(), () -> "it ignored SIGTERM, so SIGKILL ended it: " + end);
      var live = status.get(0).getAsJsonObject().get("peakRssKiB");
      if (live != null) { // the run has a cgroup: the live peak and the end's are the one figure
        assertTrue(live.getAsLong() > 0 && live.getAsLong() <= end.get("peakRssKiB").getAsLong(),
            () -> "live " + live + ", at the end " + end);
      }
      assertFalse(Runs.alive(started.get("pid").getAsLong()));
      assertEquals(new JsonArray(), editor.requests().executeCommand("hotlsp.status"));
    }
  }

  @Test
  void aProgramThatDiesAtStartThreeTimesInARowIsHeldAndTheUserIsTold(@TempDir Path tmp) throws Exception {
    var target = "example.com/runners/cmd/exit3";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp, CONFIG)) {
      Runs.run(editor, "./cmd/exit3");
      var view = editor.await(showMessage(2, "3 times in a row"));
      assertEquals(3, Runs.started(view, target).count(), editor.log()::listing);
      assertTrue(Runs.ended(view, target).allMatch(p -> p.get("reason").getAsString().equals("crashed")
          && p.get("exitCode").getAsInt() == 3), editor.log()::listing);
      assertEquals(new JsonArray(), editor.requests().executeCommand("hotlsp.status"));

      var again = editor.log().mark();
      var restarted = editor.requests().executeCommand("hotlsp.restart",
          JsonParser.parseString("{\"target\":\"./cmd/exit3\"}")).getAsJsonArray();
      assertEquals(1, restarted.size(), "the user asking counts as a change");
      editor.await(Runs.startedTimes(target, 3).since(again));
    }
  }

  @Test
  void theCrashLoopMessageOffersRunAgainWhichStartsTheProgramAgain(@TempDir Path tmp) throws Exception {
    var target = "example.com/runners/cmd/exit3";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp,
        CONFIG.withMessageButton("Run again"))) {
      Runs.run(editor, "./cmd/exit3");
      var view = editor.await(Runs.startedTimes(target, 6));
      var asked = view.fromServer().filter(m -> m.isRequest() && m.method().equals("window/showMessageRequest"))
          .map(m -> m.params()).filter(p -> p.get("message").getAsString().contains("3 times in a row")).findFirst()
          .orElseThrow(() -> new AssertionError("no message with buttons:\n" + editor.log().listing()));
      assertEquals(2, asked.get("type").getAsInt());
      assertEquals("[{\"title\":\"Run again\"}]", asked.getAsJsonArray("actions").toString());
      assertFalse(asked.get("message").getAsString().contains("hotlsp.restart"), asked::toString);
    }
  }

  @Test
  void outputToLogAlsoSendsTheOutputAsLogMessagesAndAProgramThatExitsZeroStaysEnded(@TempDir Path tmp)
      throws Exception {
    var target = "example.com/runners/cmd/hello";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--output-to-log")), "runners", tmp, CONFIG)) {
      var a = new JsonObject();
      a.addProperty("target", "./cmd/hello");
      var args = new JsonArray();
      args.add("x");
      a.add("args", args);
      var env = new JsonObject();
      env.addProperty("HOTLSP_HELLO", "from-env");
      a.add("env", env);
      var runId = editor.requests().executeCommand("hotlsp.run", a).getAsJsonObject().get("runId").getAsString();
      var view = editor.await(Runs.endedRun(runId));
      assertEquals(dev.hotlsp.proxy.harness.Verdict.MET, Runs.output(runId, "hello [x] from-env").verdict(view));
      editor.await(dev.hotlsp.proxy.harness.Expectations.notification("window/logMessage", "with the output",
          p -> p.get("message").getAsString().equals("[" + target + " stdout] hello [x] from-env\n")));
      assertEquals("exited", Runs.endOf(view, runId).get("reason").getAsString());
      assertEquals(new JsonArray(), editor.requests().executeCommand("hotlsp.status"), "exit 0 is not restarted");
      assertEquals(1, Runs.started(editor.log().snapshot(), target).count());
    }
  }

  @Test
  void aProgramThatExitedRunsAgainOnItsNextChangedBinaryUnlessNoRerunExited(@TempDir Path tmp) throws Exception {
    var target = "example.com/runners/cmd/hello";
    for (var noRerun : List.of(false, true)) {
      var options = noRerun ? List.of("--no-rerun-exited") : List.<String>of();
      try (var editor = Sessions.start(Servers.proxyInProcess(options), "runners",
          java.nio.file.Files.createDirectories(tmp.resolve("rerun-" + noRerun)), CONFIG)) {
        var runId = Runs.run(editor, "./cmd/hello").get("runId").getAsString();
        editor.await(Runs.endedRun(runId));
        var edit = editor.log().mark();
        var main = "cmd/hello/main.go";
        editor.sandbox().write(main, editor.sandbox().read(main).replace("\"hello\"", "\"hello again\""));
        var view = editor.await(Builds.buildEnded(target, "with a changed binary",
            p -> p.get("ok").getAsBoolean() && p.get("binaryChanged").getAsBoolean()).since(edit));
        if (noRerun) {
          // the controller decides on the build's result before the next command is answered
          assertEquals(new JsonArray(), editor.requests().executeCommand("hotlsp.status"));
          assertEquals(0, Runs.started(editor.log().snapshot().since(edit), target).count(), editor.log()::listing);
          var again = Runs.run(editor, "./cmd/hello");
          editor.await(Runs.endedRun(again.get("runId").getAsString()));
          assertEquals(1, Runs.started(editor.log().snapshot().since(edit), target).count(), "only the run asked for");
        } else {
          editor.await(Runs.startedTimes(target, 1).since(edit));
        }
      }
    }
  }

  @Test
  void aMissingProtectionIsToldOnceAndAnUnavailableLevelIsNeverPretended(@TempDir Path tmp) throws Exception {
    assumeTrue(java.util.stream.Stream.of("/usr/bin/runsc", "/usr/local/bin/runsc", "/usr/sbin/runsc")
        .noneMatch(p -> java.nio.file.Files.exists(Path.of(p))), "runsc is installed here");
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--isolation", "gvisor")), "runners", tmp, CONFIG)) {
      for (int i = 0; i < 2; i++) {
        var e = assertThrows(LspError.class, () -> editor.requests().executeCommand("hotlsp.run", target("./cmd/hello")));
        assertEquals(-32803, e.code(), e::getMessage);
        assertTrue(e.getMessage().contains("runsc"), e.getMessage());
      }
      var view = editor.await(showMessage(2, "could not start example.com/runners/cmd/hello"));
      assertEquals(1, dev.hotlsp.proxy.harness.Expectations.showMessages(view, 2,
          "HotLSP runs programs (gvisor) without: gvisor (runsc is not installed").size(), editor.log()::listing);
      assertEquals(0, Runs.started(view, "example.com/runners/cmd/hello").count());
    }
  }

  @Test
  void underGvisorARestartStopsTheProgramWithItsSignalAndStartsItAgain(@TempDir Path tmp) throws Exception {
    assumeTrue(java.util.stream.Stream.of("/usr/bin/runsc", "/usr/local/bin/runsc", "/usr/sbin/runsc")
        .anyMatch(p -> java.nio.file.Files.exists(Path.of(p))), "runsc is not installed here (./dev setup installs it)");
    var target = "example.com/runners/cmd/server";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--isolation", "gvisor")), "runners", tmp, CONFIG)) {
      var first = Runs.run(editor, "./cmd/server", "8080");
      var firstId = first.get("runId").getAsString();
      editor.await(Runs.output(firstId, "listening on 8080"));
      assertEquals("gvisor", editor.requests().executeCommand("hotlsp.status").getAsJsonArray().get(0).getAsJsonObject()
          .get("isolation").getAsString());

      var restarted = editor.requests().executeCommand("hotlsp.restart", target("./cmd/server")).getAsJsonArray();
      assertEquals(1, restarted.size(), restarted::toString);
      var view = editor.await(Runs.startedTimes(target, 2));
      var end = Runs.endOf(view, firstId);
      assertEquals("killed-by-restart", end.get("reason").getAsString(), end::toString);
      assertEquals(15, end.get("signal").getAsInt(), () -> "runsc passed SIGTERM on: " + end);
      var second = Runs.started(view, target).skip(1).findFirst().orElseThrow();
      editor.await(Runs.output(second.get("runId").getAsString(), "listening on 8080"));
      assertFalse(Runs.alive(first.get("pid").getAsLong()));
    }
  }

  static JsonObject target(String name) {
    var o = new JsonObject();
    o.addProperty("target", name);
    return o;
  }
}
