package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot restart through the real proxy, gopls, go and runner on test-workspaces/runners: an HTTP
 * server is replaced by each edit that changes its binary (the port free again, the new version
 * answering, the old process gone), and left alone by a comment-only edit (in a library or in the
 * main package, whose build ID it changes) or a build error.
 */
class HotRestartTest {
  private static final String SERVER = "example.com/runners/cmd/server";
  private static final String MAIN = "cmd/server/main.go";
  private static final EditorConfig CONFIG = EditorConfig.defaults().withWatchedFilesRegistration(false);

  @Test
  void eachChangedBinaryReplacesTheServerOnTheSamePort(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp, CONFIG)) {
      int port = Runs.freePort();
      var first = Runs.run(editor, "./cmd/server", Integer.toString(port));
      assertEquals(SERVER, first.get("target").getAsString());
      awaitAnswer(port, "v1");
      var previous = first;
      for (var version : List.of("v2", "v3", "v4")) {
        var mark = editor.log().mark();
        setVersion(editor, version);
        var view = editor.await(Runs.startedTimes(SERVER, 1).since(mark));
        var next = Runs.started(view.since(mark), SERVER).findFirst().orElseThrow();
        var old = Runs.endOf(editor.await(Runs.endedRun(previous.get("runId").getAsString())),
            previous.get("runId").getAsString());
        assertEquals("killed-by-restart", old.get("reason").getAsString(), old::toString);
        assertFalse(Runs.alive(previous.get("pid").getAsLong()), "the old instance is gone");
        assertNotEquals(previous.get("runId"), next.get("runId"));
        awaitAnswer(port, version);
        editor.await(Runs.output(next.get("runId").getAsString(), "listening on"));
        previous = next;
      }
      assertRunsInOrder(editor.await(Runs.startedTimes(SERVER, 4)));
    }
  }

  /**
   * Each run's output comes after its {@code hotlsp/runStarted}, which comes after the end of the
   * run it replaced: an editor shows a restart as an end, a start, then the new output.
   */
  private static void assertRunsInOrder(dev.hotlsp.proxy.harness.LogView view) {
    var started = new java.util.HashSet<String>();
    var live = new java.util.HashSet<String>();
    for (var m : view.fromServer().toList()) {
      if (m.isNotification(Runs.STARTED)) {
        assertTrue(live.isEmpty(), "started while " + live + " had not ended: " + m.summary());
        started.add(m.params().get("runId").getAsString());
        live.add(m.params().get("runId").getAsString());
      } else if (m.isNotification(Runs.ENDED)) {
        live.remove(m.params().get("runId").getAsString());
      } else if (m.isNotification(Runs.OUTPUT)) {
        assertTrue(started.contains(m.params().get("runId").getAsString()), "output before its start: " + m.summary());
      }
    }
  }

  @Test
  void aCommentOnlyEditEvenInMainOrABuildErrorLeavesTheServerRunning(@TempDir Path tmp) throws Exception {
    var app = "example.com/httpserver";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "httpserver", tmp, CONFIG)) {
      int port = Runs.freePort();
      var first = Runs.run(editor, ".", "-addr", "127.0.0.1:" + port);
      assertEquals(app, first.get("target").getAsString());
      Poll.until("the server answers", Duration.ofSeconds(30), () -> Runs.get(port, "/health").equals(Optional.of("ok")),
          () -> "it answers " + Runs.get(port, "/health"));

      var comment = editor.log().mark();
      var store = "internal/store/store.go";
      editor.sandbox().write(store, editor.sandbox().read(store).replace("// New returns an empty Store.",
          "// New returns an empty Store, ready to use."));
      editor.await(buildEnded(app, "ok, binary unchanged", p -> p.get("ok").getAsBoolean()
          && !p.get("binaryChanged").getAsBoolean()).since(comment));

      // A comment in the main package changes go's build ID, and only that, in the binary.
      var mainComment = editor.log().mark();
      editor.sandbox().write("main.go", editor.sandbox().read("main.go").replace("// Command httpserver serves",
          "// Command httpserver (edited) serves"));
      var mainBuild = Builds.buildsEnded(editor.await(Builds.built(app).since(mainComment)).since(mainComment))
          .findFirst().orElseThrow();
      assertTrue(mainBuild.get("ok").getAsBoolean(), mainBuild::toString);
      assertFalse(mainBuild.get("binaryChanged").getAsBoolean(), "only the build ID changed: " + mainBuild);

      var handlers = "internal/handlers/handlers.go";
      var broken = editor.log().mark();
      editor.sandbox().write(handlers, editor.sandbox().read(handlers).replace("w.Write([]byte(\"ok\\n\"))",
          "w.Write([]byte(\"ok\\n\")"));
      editor.await(buildEnded(app, false).since(broken));
      assertEquals(Optional.of("ok"), Runs.get(port, "/health"), "the old instance keeps serving");

      var fixed = editor.log().mark();
      editor.sandbox().write(handlers, editor.sandbox().read(handlers).replace("w.Write([]byte(\"ok\\n\")",
          "w.Write([]byte(\"ok2\\n\"))"));
      editor.await(Runs.startedTimes(app, 1).since(fixed));
      Poll.until("the new server answers", Duration.ofSeconds(30), () -> Runs.get(port, "/health").equals(Optional.of("ok2")),
          () -> "it answers " + Runs.get(port, "/health"));
      var view = editor.log().snapshot().since(comment);
      assertEquals(1, Runs.started(view, app).count(),
          "only the build whose binary changed restarted the server:\n" + editor.log().listing());
      assertEquals(first.get("runId"), Runs.ended(view, app).findFirst().orElseThrow().get("runId"));
    }
  }

  private static void setVersion(FakeEditor editor, String version) throws Exception {
    var text = editor.sandbox().read(MAIN);
    editor.sandbox().write(MAIN, text.replaceFirst("const version = \"?v[0-9]+\"", "const version = \"" + version + "\""));
  }

  private static void awaitAnswer(int port, String version) {
    Poll.until("the server on " + port + " answers " + version, Duration.ofSeconds(30),
        () -> Runs.get(port).equals(Optional.of(version)), () -> "it answers " + Runs.get(port));
  }

  static JsonObject status(FakeEditor editor) throws InterruptedException {
    var out = new JsonObject();
    out.add("runs", editor.requests().executeCommand("hotlsp.status"));
    return out;
  }
}
