package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A dying server is invisible to the editor: in-flight requests end, the session is replayed. */
class SupervisionTest {
  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  /** Initializes through the proxy with server #0 and opens one document, then edits it. */
  private static ScriptedServer session(ProxyFixture proxy) throws Exception {
    var server = proxy.server(0);
    var init = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"processId\":1,"
        + "\"rootUri\":\"file:///w\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\"}}}");
    assertArrayEquals(init, server.received.next());
    server.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"capabilities\":{}}}");
    assertEquals(0, proxy.editor.nextJson().get("id").getAsInt());
    proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///w/a.go\","
        + "\"languageId\":\"go\",\"version\":1,\"text\":\"package a\\n\"}}}");
    proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///w/a.go\","
        + "\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":8},\"end\":{\"line\":0,\"character\":9}},"
        + "\"text\":\"b😀\"}]}}");
    assertEquals("initialized", server.received.nextJson().get("method").getAsString());
    assertEquals("textDocument/didOpen", server.received.nextJson().get("method").getAsString());
    assertEquals("textDocument/didChange", server.received.nextJson().get("method").getAsString());
    return server;
  }

  /** Answers the replayed initialize of a restarted server and checks the replayed session. */
  private static void replayed(ProxyFixture proxy, ScriptedServer server) throws Exception {
    var init = server.received.nextJson();
    assertEquals("initialize", init.get("method").getAsString());
    assertEquals("test", init.getAsJsonObject("params").getAsJsonObject("clientInfo").get("name").getAsString());
    server.send("{\"jsonrpc\":\"2.0\",\"id\":" + init.get("id") + ",\"result\":{\"capabilities\":{}}}");
    assertEquals("initialized", server.received.nextJson().get("method").getAsString());
    var open = server.received.nextJson();
    assertEquals("textDocument/didOpen", open.get("method").getAsString());
    var doc = open.getAsJsonObject("params").getAsJsonObject("textDocument");
    assertEquals("package b😀\n", doc.get("text").getAsString());
    assertEquals(2, doc.get("version").getAsInt());
  }

  @Test
  void inFlightRequestsEndAndTheSessionIsReplayedToTheNewServer() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = session(proxy);
      first.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/progress\",\"params\":{\"token\":\"load\",\"value\":{\"kind\":\"begin\",\"title\":\"Loading\"}}}");
      proxy.editor.nextJson();
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/hover\",\"params\":{}}");
      first.received.nextJson();
      first.exit(137);

      var answered = proxy.editor.nextJson();
      assertEquals(10, answered.get("id").getAsInt());
      assertEquals(-32801, answered.getAsJsonObject("error").get("code").getAsInt());
      var progressEnd = proxy.editor.nextJson();
      assertEquals("$/progress", progressEnd.get("method").getAsString());
      assertEquals("end", progressEnd.getAsJsonObject("params").getAsJsonObject("value").get("kind").getAsString());

      var second = proxy.server(1);
      replayed(proxy, second);
      var shown = proxy.editor.nextJson();
      assertEquals("window/showMessage", shown.get("method").getAsString());
      assertEquals(2, shown.getAsJsonObject("params").get("type").getAsInt());
      var text = shown.getAsJsonObject("params").get("message").getAsString();
      assertTrue(text.contains("signal 9") && text.contains("restored 1 open document"), text);

      var after = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"textDocument/hover\",\"params\":{}}");
      assertArrayEquals(after, second.received.next());
    }
  }

  @Test
  void requestsDuringARestartWaitAndCollidingIdsAndCancellationAreTranslated() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = session(proxy);
      first.exit(137);
      var second = proxy.server(1);
      var init = second.received.nextJson(); // the proxy's own initialize, with an id of the proxy's space
      var proxyId = init.get("id");
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":" + proxyId + ",\"method\":\"textDocument/hover\",\"params\":{}}");
      proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":" + proxyId + "}}");
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + proxyId + ",\"result\":{\"capabilities\":{}}}");
      assertEquals("initialized", second.received.nextJson().get("method").getAsString());
      assertEquals("textDocument/didOpen", second.received.nextJson().get("method").getAsString());
      var hover = second.received.nextJson();
      assertEquals("textDocument/hover", hover.get("method").getAsString());
      var wireId = hover.get("id");
      // Usually the editor's id still collides with the proxy's pending initialize and is remapped;
      // if the initialize answer was routed first it is free and kept. Either way the cancel and
      // the answer must follow the same mapping (collisions alone: PendingRequestsTest).
      var cancel = second.received.nextJson();
      assertEquals("$/cancelRequest", cancel.get("method").getAsString());
      assertEquals(wireId, cancel.getAsJsonObject("params").get("id"));
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + wireId + ",\"error\":{\"code\":-32800,\"message\":\"cancelled\"}}");
      JsonObject reply;
      do {
        reply = proxy.editor.nextJson();
      } while (reply.has("method"));
      assertEquals(proxyId, reply.get("id"), "the editor gets its own id back");
    }
  }

  @Test
  void registrationsTheEditorHoldsAreNotDuplicatedAfterARestart() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = session(proxy);
      var registration = "{\"registrations\":[{\"id\":\"w-1\",\"method\":\"workspace/didChangeWatchedFiles\","
          + "\"registerOptions\":{\"watchers\":[{\"globPattern\":\"**/*.go\"}]}}]}";
      first.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"client/registerCapability\",\"params\":" + registration + "}");
      assertEquals("client/registerCapability", proxy.editor.nextJson().get("method").getAsString());
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
      first.received.nextJson();
      first.exit(137);
      var second = proxy.server(1);
      replayed(proxy, second);
      second.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"client/registerCapability\",\"params\":"
          + registration.replace("w-1", "w-2") + "}");
      var answer = second.received.nextJson();
      assertEquals(1, answer.get("id").getAsInt());
      assertTrue(answer.get("result").isJsonNull(), "HotLSP answered the duplicate itself");
      second.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"client/unregisterCapability\",\"params\":"
          + "{\"unregisterations\":[{\"id\":\"w-2\",\"method\":\"workspace/didChangeWatchedFiles\"}]}}");
      JsonObject forwarded;
      do {
        forwarded = proxy.editor.nextJson();
      } while (!"client/unregisterCapability".equals(forwarded.has("method") ? forwarded.get("method").getAsString() : ""));
      assertEquals("w-1", forwarded.getAsJsonObject("params").getAsJsonArray("unregisterations").get(0)
          .getAsJsonObject().get("id").getAsString(), "translated to the id the editor holds");
    }
  }

  @Test
  void diagnosticsOnlyTheDeadServerPublishedAreClearedOnceTheNewOneSettles() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = session(proxy);
      first.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":\"file:///w/gone.go\","
          + "\"diagnostics\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":1}},\"message\":\"old\"}]}}");
      proxy.editor.nextJson();
      first.exit(137);
      var second = proxy.server(1);
      replayed(proxy, second);
      JsonObject cleared;
      do {
        cleared = json(proxy.editor.nextBody());
      } while (!"textDocument/publishDiagnostics".equals(cleared.has("method") ? cleared.get("method").getAsString() : ""));
      assertEquals("file:///w/gone.go", cleared.getAsJsonObject("params").get("uri").getAsString());
      assertEquals(0, cleared.getAsJsonObject("params").getAsJsonArray("diagnostics").size());
    }
  }

  @Test
  void afterTooManyCrashesItGivesUpOnceAndTheRestartCommandRevivesIt() throws Exception {
    try (var proxy = new ProxyFixture("--crash-limit", "2")) {
      var first = session(proxy);
      first.exit(137);
      var second = proxy.server(1);
      replayed(proxy, second);
      assertEquals("window/showMessage", proxy.editor.nextJson().get("method").getAsString());
      second.exit(134);
      var gaveUp = proxy.editor.nextJson();
      assertEquals(1, gaveUp.getAsJsonObject("params").get("type").getAsInt());
      assertTrue(gaveUp.getAsJsonObject("params").get("message").getAsString().contains("hotlsp.restartGopls"));
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"textDocument/hover\",\"params\":{}}");
      var refused = proxy.editor.nextJson();
      assertEquals(20, refused.get("id").getAsInt());
      assertTrue(refused.has("error"));
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"hotlsp.restartGopls\"}}");
      var third = proxy.server(2);
      replayed(proxy, third);
      JsonObject m;
      do {
        m = proxy.editor.nextJson();
      } while (!m.has("id"));
      assertEquals(21, m.get("id").getAsInt());
      var served = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"textDocument/hover\",\"params\":{}}");
      assertArrayEquals(served, third.received.next(Duration.ofSeconds(10)));
    }
  }
}
