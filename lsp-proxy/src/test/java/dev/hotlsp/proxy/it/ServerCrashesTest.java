package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that do not die, through the real proxy, gopls, go and runner on test-workspaces/servers:
 * a handler panic that net/http recovers is one warning on the line that panicked, counted, while
 * the server keeps answering; {@code hotlsp.dump} places a stuck server's blocked goroutines and
 * starts it again.
 */
class ServerCrashesTest {
  private static final EditorConfig CONFIG = EditorConfig.defaults().withWatchedFilesRegistration(false);

  @Test
  void aRecoveredHandlerPanicIsOneWarningOnItsLineCountedWhileTheServerKeepsServing(@TempDir Path tmp)
      throws Exception {
    var sandbox = Sandbox.copyOf("servers", tmp);
    var server = Servers.proxyInProcess(List.of());
    Sessions.assumeAvailable(server);
    try (var editor = FakeEditor.start(server, sandbox, CONFIG)) {
      var main = sandbox.uri("cmd/nethttp/main.go");
      int port = Runs.freePort();
      Runs.run(editor, "./cmd/nethttp", "-addr", "127.0.0.1:" + port);
      Poll.until("the server answers", Duration.ofSeconds(120), () -> Runs.get(port, "/healthz").isPresent(), () -> "");

      for (int i = 0; i < 3; i++) {
        assertEquals("", once(port, "/panic"), "net/http closes the connection of a panicking handler");
      }
      var view = editor.await(diagnosticsFor(main, "hold one recovered panic counted three times",
          ds -> crashes(ds).size() == 1 && crashes(ds).get(0).get("message").getAsString().endsWith("(3 times)")));
      var panic = crashes(latestDiagnostics(view, main).orElseThrow()).get(0);
      assertEquals("recovered panic: assignment to entry in nil map (3 times)", panic.get("message").getAsString());
      assertEquals("recovered-panic", panic.get("code").getAsString());
      assertEquals(2, panic.get("severity").getAsInt(), "a warning: the server still serves");
      assertEquals(18, line(panic), "main.go:19 counts[r.URL.Path]++, not net/http's recoverer");
      assertEquals(Optional.of("ok"), Runs.get(port, "/healthz"), "the server keeps answering");
    }
  }

  @Test
  void hotlspDumpPlacesAStuckServersBlockedGoroutinesAndStartsItAgain(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("servers", tmp);
    var server = Servers.proxyInProcess(List.of());
    Sessions.assumeAvailable(server);
    try (var editor = FakeEditor.start(server, sandbox, CONFIG)) {
      var main = sandbox.uri("cmd/stuck/main.go");
      int port = Runs.freePort();
      var started = Runs.run(editor, "./cmd/stuck", "-addr", "127.0.0.1:" + port);
      var runId = started.get("runId").getAsString();
      Poll.until("the server answers", Duration.ofSeconds(120), () -> Runs.get(port, "/healthz").isPresent(), () -> "");
      HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/block"))
          .build(), HttpResponse.BodyHandlers.discarding()); // never answered: the handler waits for the lock
      editor.await(Runs.output(runId, "waiting for the lock"));

      var target = new JsonObject();
      target.addProperty("target", "./cmd/stuck");
      var answer = editor.requests().executeCommand("hotlsp.dump", target).getAsJsonObject();

      assertEquals(runId, answer.getAsJsonArray("dumped").get(0).getAsString());
      var view = editor.await(Expectation.allOf(
          diagnosticsFor(main, "hold two hangs", ds -> crashes(ds).size() == 2),
          Runs.startedTimes("example.com/servers/cmd/stuck", 2)));
      var hangs = crashes(latestDiagnostics(view, main).orElseThrow());
      assertEquals(List.of(18, 30), hangs.stream().map(ServerCrashesTest::line).sorted().toList(),
          "main.go:19 the worker's range over jobs, main.go:31 the handler's mu.Lock()");
      assertTrue(hangs.stream().allMatch(d -> d.get("code").getAsString().equals("hang")
          && d.get("severity").getAsInt() == 2), hangs::toString);
      assertTrue(hangs.stream().anyMatch(d -> d.get("message").getAsString().endsWith("blocked: sync.Mutex.Lock")),
          hangs::toString);
      Poll.until("the server answers again", Duration.ofSeconds(60),
          () -> Runs.get(port, "/healthz").equals(Optional.of("ok")), () -> "");
    }
  }

  /** One GET, never retried (Java's HttpClient sends a GET again when the connection closes unanswered). */
  private static String once(int port, String path) throws java.io.IOException {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  private static List<JsonObject> crashes(List<JsonObject> diagnostics) {
    return diagnostics.stream().filter(d -> d.has("source") && d.get("source").getAsString().equals("hotlsp")).toList();
  }

  private static int line(JsonObject diagnostic) {
    return diagnostic.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
  }
}
