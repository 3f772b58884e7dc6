package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** Every editor request gets an answer, and odd input never reaches gopls in a form it dies on. */
class OddRequestsTest {
  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  @Test
  void anIdGoplsCannotTakeReachesItAsAnIntegerAndTheEditorGetsItsOwnTextBack() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.initialized();
      for (var id : new String[] {"1.5", "123456789012345678901234567890"}) {
        proxy.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{}}");
        var hover = server.received.nextJson();
        var wire = hover.get("id");
        assertTrue(wire.getAsJsonPrimitive().isNumber(), "a number toward gopls: " + wire);
        assertNotEquals(id, wire.toString());
        long asLong = Long.parseLong(wire.toString()); // gopls decodes ids as int64 or string
        proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":" + id + "}}");
        var cancel = server.received.nextJson();
        assertEquals("$/cancelRequest", cancel.get("method").getAsString());
        assertEquals(asLong, cancel.getAsJsonObject("params").get("id").getAsLong(), "the cancel is translated");
        server.send("{\"jsonrpc\":\"2.0\",\"id\":" + wire + ",\"error\":{\"code\":-32800,\"message\":\"cancelled\"}}");
        var answer = proxy.editor.nextBody();
        assertEquals(id, json(answer).get("id").toString(), answer);
        assertTrue(answer.contains("\"id\":" + id + ","), "the exact text: " + answer);
      }
    }
  }

  @Test
  void anExecuteCommandWhoseCommandIsNotAStringIsAnsweredWithInvalidParams() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.initialized();
      int id = 30;
      for (var command : new String[] {"{\"title\":\"x\"}", "null", "42", "[\"hotlsp.restartGopls\"]"}) {
        proxy.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"workspace/executeCommand\","
            + "\"params\":{\"command\":" + command + ",\"arguments\":[]}}");
        var answer = proxy.editor.nextJson();
        assertEquals(id, answer.get("id").getAsInt(), command);
        assertEquals(-32602, answer.getAsJsonObject("error").get("code").getAsInt(), command);
        id++;
      }
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"textDocument/hover\",\"params\":{}}");
      assertEquals(40, server.received.nextJson().get("id").getAsInt(), "none of them reached gopls");
    }
  }

  @Test
  void aSecondInitializeGoplsRejectsIsNotReplayedAfterACrash() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = proxy.initialized();
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":{\"processId\":1,"
          + "\"rootUri\":\"file:///other\",\"capabilities\":{},\"clientInfo\":{\"name\":\"again\"}}}");
      var again = first.received.nextJson();
      first.send("{\"jsonrpc\":\"2.0\",\"id\":" + again.get("id") + ",\"error\":{\"code\":-32600,"
          + "\"message\":\"initialize called twice\"}}");
      assertTrue(proxy.editor.nextJson().has("error"));
      first.exit(137);
      var second = proxy.server(1);
      var replayed = second.received.nextJson();
      assertEquals("initialize", replayed.get("method").getAsString());
      var params = replayed.getAsJsonObject("params");
      assertEquals("file:///w", params.get("rootUri").getAsString(), "the accepted initialize is replayed");
      assertEquals("test", params.getAsJsonObject("clientInfo").get("name").getAsString());
    }
  }
}
