package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.Poll;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The first gopls is held to the same initialize timeout as a restarted one. */
class FirstStartTest {
  /** 40 lines of binary junk, about 4 KB, none of it a header. */
  private static byte[] junk() {
    var out = new ByteArrayOutputStream();
    for (int line = 0; line < 40; line++) {
      out.writeBytes("\u007fELF".getBytes(StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 95; i++) {
        out.write((line * 31 + i * 7) % 256 == '\n' ? 0 : (line * 31 + i * 7) % 256);
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  @Test
  void aGoplsThatWritesJunkAndHangsFailsTheFirstInitializeOnceAndIsLoggedOnce() throws Exception {
    try (var proxy = new ProxyFixture("--initialize-timeout-ms", "500")) {
      var server = proxy.server(0);
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      server.received.next();
      var junk = junk();
      server.write(junk); // and then it never answers

      var error = proxy.editor.nextJson();
      assertEquals(1, error.get("id").getAsInt());
      assertEquals(-32603, error.getAsJsonObject("error").get("code").getAsInt());
      var why = error.getAsJsonObject("error").get("message").getAsString();
      assertTrue(why.contains("did not answer initialize within 500 ms"), why);
      var shown = proxy.editor.nextJson();
      assertEquals("window/showMessage", shown.get("method").getAsString());
      assertEquals(1, shown.getAsJsonObject("params").get("type").getAsInt());

      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{}}");
      var refused = proxy.editor.nextJson();
      assertEquals(2, refused.get("id").getAsInt(), "no second pop-up before the answer");
      assertTrue(refused.has("error"));

      Poll.until("the unreadable output is summarised", Duration.ofSeconds(10),
          () -> proxy.stderrText().contains("not LSP messages"), proxy::stderrText);
      var log = proxy.stderrText();
      assertTrue(log.contains("gopls wrote " + junk.length + " bytes that are not LSP messages"), log);
      assertEquals(1, log.split("not LSP messages", -1).length - 1, log);
      assertFalse(log.contains("gopls sent a bad frame"), log);
      assertTrue(log.chars().allMatch(c -> c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && c < 0x80
          || c == '…'), "the log holds no binary");
    }
  }
}
