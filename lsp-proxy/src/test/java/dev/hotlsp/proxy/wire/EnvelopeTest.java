package dev.hotlsp.proxy.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The routing facts of a message, from a small body (decoded at once) and a large one (streamed). */
class EnvelopeTest {
  private static Envelope scan(String json) throws MalformedMessageException {
    return Envelope.scan(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The same message with a string param that takes it past the size decoded at once. */
  private static Envelope scanLarge(String json) throws MalformedMessageException {
    String padded = json.replaceFirst("\\{", "{\"pad\":\"" + "é".repeat(40_000) + "\",");
    assertTrue(padded.getBytes(StandardCharsets.UTF_8).length > 64 * 1024);
    return Envelope.scan(padded.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFourKindsWithTheirMethodAndExactId() throws Exception {
    for (boolean large : new boolean[] {false, true}) {
      var request = large
          ? scanLarge("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"textDocument/hover\",\"params\":{\"t\":\"ü→😀\"}}")
          : scan("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"textDocument/hover\",\"params\":{\"t\":\"ü→😀\"}}");
      assertEquals(Envelope.Kind.REQUEST, request.kind());
      assertEquals("textDocument/hover", request.method());
      assertEquals("123456789012345678901234567890", request.id().getAsNumber().toString());

      var note = large ? scanLarge("{\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"é\"}}")
          : scan("{\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"é\"}}");
      assertEquals(Envelope.Kind.NOTIFICATION, note.kind());
      assertNull(note.id());

      var result = large ? scanLarge("{\"id\":\"ab\",\"result\":{\"contents\":\"ü\"}}") : scan("{\"id\":\"ab\",\"result\":{\"contents\":\"ü\"}}");
      assertEquals(Envelope.Kind.RESPONSE, result.kind());
      assertEquals("ab", result.id().getAsString());

      var error = large ? scanLarge("{\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}")
          : scan("{\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}");
      assertEquals(Envelope.Kind.ERROR_RESPONSE, error.kind());
      assertEquals(JsonNull.INSTANCE, error.id());
    }
  }

  @Test
  void whatIsNotOneJsonRpcObjectIsMalformed() {
    for (var json : new String[] {"[1]", "{\"id\":1}", "{\"method\":3}", "{\"id\":null,\"method\":\"m\"}",
        "{\"method\":\"m\"} x", "{\"method\":\"m\"", "{'method':'m'}", "{\"id\":[1],\"result\":1}"}) {
      assertThrows(MalformedMessageException.class, () -> scan(json), json);
      assertThrows(MalformedMessageException.class, () -> scanLarge(json.startsWith("{") ? json : "{" + json), json);
    }
  }
}
