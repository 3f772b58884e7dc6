package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Orderly shutdown and exit, an editor that goes away, and a gopls that cannot be found. */
class LifecycleTest {
  @Test
  void shutdownThenExitEndsWithZeroAndStopsTheServer() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}");
      server.received.next();
      var reply = RawFrames.frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
      server.write(reply);
      assertArrayEquals(reply, proxy.editor.next());
      var exit = proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertArrayEquals(exit, server.received.next());
      assertEquals(0, proxy.exit.get(10, TimeUnit.SECONDS));
      assertTrue(server.received.awaitEnd(Duration.ofSeconds(10)));
    }
  }

  @Test
  void exitWithoutShutdownEndsWithOne() throws Exception {
    try (var proxy = new ProxyFixture()) {
      proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertEquals(1, proxy.exit.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void anEditorThatClosesThePipeStopsTheServer() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.closeEditor();
      assertEquals(1, proxy.exit.get(10, TimeUnit.SECONDS));
      assertTrue(server.received.awaitEnd(Duration.ofSeconds(10)));
      assertTrue(server.onExit().isDone() || server.waitFor(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aMissingGoplsGivesOneMessageAndAnInitializeError() throws Exception {
    try (var proxy = new ProxyFixture(false)) {
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      var show = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals("window/showMessage", show.get("method").getAsString());
      assertEquals(1, show.getAsJsonObject("params").get("type").getAsInt());
      var text = show.getAsJsonObject("params").get("message").getAsString();
      assertTrue(text.contains("gopls not found") && text.contains("go install golang.org/x/tools/gopls@v0.23.0"), text);
      var error = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals(1, error.get("id").getAsInt());
      assertEquals(text, error.getAsJsonObject("error").get("message").getAsString());
      // later requests are answered with an error, with no further pop-up
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{}}");
      var second = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals(2, second.get("id").getAsInt());
      assertTrue(second.has("error"));
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
      assertTrue(JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject().has("result"));
      proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertEquals(0, proxy.exit.get(10, TimeUnit.SECONDS));
      var stderr = proxy.stderrText();
      assertEquals(1, stderr.split("gopls not found", -1).length - 1, stderr);
      assertTrue(!stderr.contains("\tat "), "no stack trace: " + stderr);
    }
  }

  @Test
  void aGoplsThatDiesBeforeAnsweringInitializeGivesOneClearErrorAndNoRestartLoop() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      server.received.next();
      server.exit(1);
      var error = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals(1, error.get("id").getAsInt());
      var text = error.getAsJsonObject("error").get("message").getAsString();
      assertTrue(text.contains("gopls exited with code 1 before answering initialize"), text);
      var show = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals("window/showMessage", show.get("method").getAsString());
      assertEquals(1, show.getAsJsonObject("params").get("type").getAsInt());
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{}}");
      var refused = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals(2, refused.get("id").getAsInt());
      assertTrue(refused.getAsJsonObject("error").get("message").getAsString().contains("before answering initialize"));
      assertTrue(proxy.servers.isEmpty(), "no restart was attempted");
    }
  }
}
