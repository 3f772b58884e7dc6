package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every Content-Length the editor sends is handled: no thrown exception, an answer, exit on EOF. */
class ContentLengthTest {
  @ParameterizedTest
  @ValueSource(strings = {"2500000000", "4294967306", "9007199254740991"})
  void aLengthBeyondAnyArrayIsAnsweredAndTheSessionStillEndsOnEof(String length) throws Exception {
    try (var proxy = new ProxyFixture("--max-message-bytes", "1073741824")) {
      proxy.server(0);
      proxy.writeRaw(("Content-Length: " + length + "\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\"}")
          .getBytes(StandardCharsets.US_ASCII));
      proxy.closeEditor();
      var answer = proxy.editor.nextJson();
      assertEquals(7, answer.get("id").getAsInt());
      assertTrue(answer.getAsJsonObject("error").get("message").getAsString().contains("exceeds the limit"),
          answer.toString());
      assertEquals(1, proxy.exit.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSignedLengthIsSkippedAndTheNextMessageIsForwarded() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.writeRaw("Content-Length: +10\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      var sent = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
      assertArrayEquals(sent, server.received.next());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999999", "9223372036854775808", "9007199254740992"})
  void aNumberThatCannotBeALengthIsABadHeaderAndTheSessionGoesOn(String length) throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.server(0);
      proxy.writeRaw(("Content-Length: " + length + "\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\"}")
          .getBytes(StandardCharsets.US_ASCII));
      var shutdown = proxy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}");
      assertArrayEquals(shutdown, server.received.next());
      var reply = RawFrames.frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
      server.write(reply);
      assertArrayEquals(reply, proxy.editor.next(), "the shutdown after the bad header is answered");
      assertTrue(proxy.stderrText().contains("bad Content-Length"), proxy.stderrText());
    }
  }

  @Test
  void aLimitAboveOneArrayIsAUsageError() {
    var e = assertThrows(UsageException.class, () -> new ProxyFixture("--max-message-bytes", "3000000000"));
    assertTrue(e.getMessage().contains("--max-message-bytes must be between 1024 and 1073741824"), e.getMessage());
  }
}
