package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message the proxy does not need to change reaches the other side byte for byte. */
class LosslessForwardingTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.go\"},\"position\":{\"line\":0,\"character\":3}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":\"abc-1\",\"method\":\"textDocument/definition\",\"params\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"x/bigId\",\"params\":[]}",
      "{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775808,\"method\":\"x/int64Id\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"$/custom\",\"params\":{\"a\":null,\"b\":[null,{}],\"c\":{}}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"gopls.custom\",\"params\":[]}",
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"中文 😀 é\"}}",
      "{ \"jsonrpc\" : \"2.0\" ,\n \"id\" : 3 , \"method\" : \"odd/spacing\" , \"params\" : { } }",
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"gopls.tidy\",\"arguments\":[{\"URIs\":[]}]}}",
  })
  void editorMessagesReachTheServerUnchanged(String body) throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      var sent = proxy.send(body);
      assertArrayEquals(sent, server.received.next(), () -> "sent " + body);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":null}",
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":[]}",
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"contents\":{\"kind\":\"markdown\",\"value\":\"中 😀\"},\"range\":null}}",
      "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32801,\"message\":\"content modified\",\"data\":null}}",
  })
  void serverResponsesReachTheEditorUnchanged(String template) throws Exception {
    // ids gopls cannot take (beyond int64, fractions) are remapped: OddRequestsTest
    for (var id : new String[] {"7", "\"s-7\"", "9223372036854775807"}) {
      try (var proxy = new ProxyFixture()) {
        var server = proxy.server(0);
        proxy.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{}}");
        server.received.next();
        var reply = RawFrames.frame(template.formatted(id));
        server.write(reply);
        assertArrayEquals(reply, proxy.editor.next(), () -> "reply " + template.formatted(id));
      }
    }
  }

  @Test
  void serverRequestsAndEditorAnswersRoundTripUnchanged() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      for (var method : new String[] {"workspace/configuration", "window/workDoneProgress/create",
          "workspace/applyEdit", "window/showMessageRequest", "client/registerCapability", "custom/thing"}) {
        var request = RawFrames.frame("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"" + method
            + "\",\"params\":{\"items\":[{\"section\":\"gopls\",\"scopeUri\":null}]}}");
        server.write(request);
        assertArrayEquals(request, proxy.editor.next(), method);
        var answer = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[{\"x\":null}]}");
        assertArrayEquals(answer, server.received.next(), method);
      }
    }
  }

  @Test
  void serverNotificationsAndNullIdErrorsReachTheEditorUnchanged() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      for (var body : new String[] {
          "{\"jsonrpc\":\"2.0\",\"method\":\"window/logMessage\",\"params\":{\"type\":3,\"message\":\"ü\"}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"$/progress\",\"params\":{\"token\":\"t\",\"value\":{\"kind\":\"begin\",\"title\":\"x\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":\"file:///a.go\",\"version\":3,\"diagnostics\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":1}},\"message\":\"m\",\"data\":null}]}}",
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}",
      }) {
        var frame = RawFrames.frame(body);
        server.write(frame);
        assertArrayEquals(frame, proxy.editor.next(), body);
      }
    }
  }

  @Test
  void headersOtherThanContentLengthArePreserved() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a/b\"}".getBytes(StandardCharsets.UTF_8);
      var raw = ("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: " + body.length
          + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      proxy.writeRaw(raw);
      assertArrayEquals(raw, server.received.next());
    }
  }

  @Test
  void contentLengthCountsBytesNotCharacters() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      var body = "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{\"t\":\"😀😀中\"}}";
      proxy.send(body);
      var got = server.received.next();
      var text = new String(got, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), text);
      assertEquals(body, RawFrames.body(got));
    }
  }

  @Test
  void largeMessagesPassWhole() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      var big = "x".repeat(64 << 20);
      var sent = proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":{\"t\":\"" + big + "\"}}");
      assertArrayEquals(sent, server.received.next(java.time.Duration.ofSeconds(60)));
      var reply = RawFrames.frame("{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":[\"" + big + "\"]}");
      server.write(reply);
      assertArrayEquals(reply, proxy.editor.next(java.time.Duration.ofSeconds(60)));
    }
  }

  @Test
  void initializeReachesTheServerUnchangedAndItsResultGainsHotlsp() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      var init = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"processId\":null,"
          + "\"clientInfo\":{\"name\":\"Visual Studio Code\",\"version\":\"1.99\"},\"rootUri\":null,"
          + "\"capabilities\":{\"workspace\":{\"didChangeWatchedFiles\":{\"dynamicRegistration\":true}}},"
          + "\"initializationOptions\":{\"ui.semanticTokens\":true}}}");
      assertArrayEquals(init, server.received.next());
      server.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"capabilities\":{\"hoverProvider\":true,"
          + "\"executeCommandProvider\":{\"commands\":[\"gopls.tidy\"]},\"x\":null},\"serverInfo\":{\"name\":\"gopls\","
          + "\"version\":\"{\\\"GoVersion\\\":\\\"go1.26\\\",\\\"Path\\\":\\\"golang.org/x/tools/gopls\\\",\\\"Main\\\":{\\\"Path\\\":\\\"golang.org/x/tools/gopls\\\",\\\"Version\\\":\\\"v0.23.0\\\"}}\"}}}");
      var result = JsonParser.parseString(proxy.editor.nextBody()).getAsJsonObject();
      assertEquals(0, result.get("id").getAsInt());
      var caps = result.getAsJsonObject("result").getAsJsonObject("capabilities");
      assertTrue(caps.get("hoverProvider").getAsBoolean());
      assertTrue(caps.has("x") && caps.get("x").isJsonNull(), "null members survive the rewrite");
      var commands = caps.getAsJsonObject("executeCommandProvider").getAsJsonArray("commands").toString();
      assertTrue(commands.contains("gopls.tidy") && commands.contains("hotlsp.restartGopls"), commands);
      var info = result.getAsJsonObject("result").getAsJsonObject("serverInfo");
      assertEquals("HotLSP", info.get("name").getAsString());
      assertTrue(info.get("version").getAsString().contains("gopls v0.23.0"), info.toString());
    }
  }
}
