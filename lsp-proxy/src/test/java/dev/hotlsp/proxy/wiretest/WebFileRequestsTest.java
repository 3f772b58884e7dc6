package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotlsp/files}, {@code hotlsp/readFile} and {@code hotlsp/writeFile} on the wire: HotLSP answers them in a web session only, and never forwards them to gopls. */
class WebFileRequestsTest {
  @TempDir Path ws;

  @Test
  void aWebSessionListsReadsAndWritesItsWorkspace() throws Exception {
    Files.writeString(ws.resolve("main.go"), "package main\n");
    Files.createSymbolicLink(ws.resolve("etc"), Path.of("/etc"));
    try (var proxy = ProxyFixture.web(ws)) {
      var server = proxy.initialized();
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hotlsp/files\",\"params\":{}}");
      var files = proxy.editor.nextJson();
      assertEquals(1, files.get("id").getAsInt());
      var result = files.getAsJsonObject("result");
      assertEquals("main.go", result.getAsJsonArray("files").get(0).getAsJsonObject().get("path").getAsString());
      assertEquals(1, result.getAsJsonArray("files").size(), "the link is not listed: " + result);
      assertTrue(result.get("root").getAsString().startsWith("file:///"), result.toString());

      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"hotlsp/writeFile\",\"params\":{\"path\":\"main.go\","
          + "\"text\":\"package main\\n\\nfunc main() {}\\n\"}}");
      var written = proxy.editor.nextJson();
      assertEquals(2, written.get("id").getAsInt());
      assertEquals(29, written.getAsJsonObject("result").get("size").getAsInt(), written.toString());
      assertEquals("package main\n\nfunc main() {}\n", Files.readString(ws.resolve("main.go")));

      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"hotlsp/readFile\",\"params\":{\"path\":\"main.go\"}}");
      assertEquals("package main\n\nfunc main() {}\n",
          proxy.editor.nextJson().getAsJsonObject("result").get("text").getAsString());

      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"hotlsp/readFile\",\"params\":{\"path\":\"../x\"}}");
      var bad = proxy.editor.nextJson();
      assertEquals(-32602, bad.getAsJsonObject("error").get("code").getAsInt(), bad.toString());
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"hotlsp/readFile\",\"params\":{\"path\":\"etc/passwd\"}}");
      var refused = proxy.editor.nextJson();
      assertEquals(-32803, refused.getAsJsonObject("error").get("code").getAsInt(), refused.toString());
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"hotlsp/readFile\",\"params\":{\"path\":7}}");
      assertEquals(-32602, proxy.editor.nextJson().getAsJsonObject("error").get("code").getAsInt());

      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{}}");
      assertEquals("textDocument/hover", server.received.nextJson().get("method").getAsString(),
          "none of the file requests reached gopls");
    }
  }

  @Test
  void outsideAWebSessionTheFileRequestsAreGoplsBusiness() throws Exception {
    Files.writeString(ws.resolve("main.go"), "package main\n");
    try (var proxy = new ProxyFixture()) {
      var server = proxy.initialized();
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hotlsp/writeFile\",\"params\":{\"path\":\"main.go\",\"text\":\"x\"}}");
      var forwarded = server.received.nextJson();
      assertEquals("hotlsp/writeFile", forwarded.get("method").getAsString(), "forwarded, as any unknown method");
      server.send("{\"jsonrpc\":\"2.0\",\"id\":" + forwarded.get("id") + ",\"error\":{\"code\":-32601,"
          + "\"message\":\"gopls: no such method\"}}");
      var answer = proxy.editor.nextJson();
      assertEquals(1, answer.get("id").getAsInt());
      assertEquals("gopls: no such method", answer.getAsJsonObject("error").get("message").getAsString(),
          "the one answer is gopls's: " + answer);
      assertEquals("package main\n", Files.readString(ws.resolve("main.go")));
    }
  }
}
