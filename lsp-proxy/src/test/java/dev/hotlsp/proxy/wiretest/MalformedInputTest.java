package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error or a logged line, and the proxy keeps serving. */
class MalformedInputTest {
  private static final String NEXT = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"textDocument/hover\",\"params\":{}}";

  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  /** After the bad input, a good request (a new id) still reaches the server byte for byte. */
  private static void stillServes(ProxyFixture proxy, ScriptedServer server) throws Exception {
    var sent = proxy.send(NEXT.replace("42", "43"));
    assertArrayEquals(sent, server.received.next());
  }

  @Test
  void invalidJsonGetsAParseErrorAndServingGoesOn() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
      var error = json(proxy.editor.nextBody());
      assertTrue(error.get("id").isJsonNull());
      assertEquals(-32700, error.getAsJsonObject("error").get("code").getAsInt());
      stillServes(proxy, server);
    }
  }

  @Test
  void messagesThatAreNotJsonRpcGetAnError() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      for (var bad : new String[] {"[1,2]", "42", "{\"jsonrpc\":\"2.0\"}", "{\"id\":null,\"method\":\"x\"}",
          "{\"id\":{},\"result\":1}", "{\"method\":\"x\"} trailing"}) {
        proxy.send(bad);
        var error = json(proxy.editor.nextBody());
        assertEquals(-32700, error.getAsJsonObject("error").get("code").getAsInt(), bad);
      }
      stillServes(proxy, server);
    }
  }

  @Test
  void badOrMissingContentLengthIsSkipped() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.writeRaw("Content-Length: abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      proxy.writeRaw("Content-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      proxy.writeRaw("Content-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      stillServes(proxy, server);
      assertTrue(proxy.stderrText().contains("bad Content-Length"), proxy.stderrText());
      assertTrue(proxy.stderrText().contains("without Content-Length"), proxy.stderrText());
    }
  }

  @Test
  void junkBeforeAHeaderIsSkippedUpToTheHeader() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.writeRaw("garbage line\r\n".getBytes(StandardCharsets.US_ASCII));
      var sent = RawFrames.frame(NEXT);
      var glued = new byte[sent.length + 5];
      System.arraycopy("junk!".getBytes(StandardCharsets.US_ASCII), 0, glued, 0, 5);
      System.arraycopy(sent, 0, glued, 5, sent.length);
      proxy.writeRaw(glued);
      assertEquals(NEXT, RawFrames.body(server.received.next()));
      stillServes(proxy, server);
    }
  }

  @Test
  void anOversizedRequestGetsAnErrorWithItsIdAndIsNotForwarded() throws Exception {
    try (var proxy = new ProxyFixture("--max-message-bytes", "1048576")) {
      var server = proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"big\",\"params\":{\"t\":\"" + "y".repeat(2 << 20) + "\"}}");
      var error = json(proxy.editor.nextBody());
      assertEquals(77, error.get("id").getAsInt());
      assertEquals(-32600, error.getAsJsonObject("error").get("code").getAsInt());
      assertTrue(error.getAsJsonObject("error").get("message").getAsString().contains("exceeds the limit"));
      stillServes(proxy, server);
    }
  }

  @Test
  void aTruncatedStreamEndsTheSessionAndStopsTheServer() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.writeRaw("Content-Length: 100\r\n\r\n{\"jsonrpc\"".getBytes(StandardCharsets.US_ASCII));
      proxy.closeEditor();
      assertEquals(1, proxy.exit.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(server.received.awaitEnd(Duration.ofSeconds(10)), "the server's stdin was closed");
      assertTrue(proxy.stderrText().contains("stream ended"), proxy.stderrText());
    }
  }

  @Test
  void malformedServerOutputIsLoggedAndDropped() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      server.send("{not json");
      var good = RawFrames.frame("{\"jsonrpc\":\"2.0\",\"method\":\"window/logMessage\",\"params\":{\"type\":3,\"message\":\"ok\"}}");
      server.write(good);
      assertArrayEquals(good, proxy.editor.next());
      assertTrue(proxy.stderrText().contains("malformed message from gopls"), proxy.stderrText());
    }
  }
}
