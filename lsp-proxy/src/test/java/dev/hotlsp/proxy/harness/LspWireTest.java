package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LspWireTest {
  @Test
  void contentLengthCountsUtf8BytesNotCharacters() throws IOException {
    var out = new ByteArrayOutputStream();

    LspWire.write(out, "{\"x\":\"é😀\"}");

    assertEquals("Content-Length: 14\r\n\r\n{\"x\":\"é😀\"}", out.toString(UTF_8));
  }

  @Test
  void readsConsecutiveMessagesThenCleanEnd() throws IOException {
    var out = new ByteArrayOutputStream();
    LspWire.write(out, "{\"a\":\"ü\"}");
    LspWire.write(out, "{}");
    var in = new ByteArrayInputStream(out.toByteArray());

    assertEquals(Optional.of("{\"a\":\"ü\"}"), LspWire.read(in));
    assertEquals(Optional.of("{}"), LspWire.read(in));
    assertEquals(Optional.empty(), LspWire.read(in));
  }

  @Test
  void acceptsOtherHeadersInAnyCase() throws IOException {
    var raw = "content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}";

    assertEquals(Optional.of("{}"), LspWire.read(new ByteArrayInputStream(raw.getBytes(UTF_8))));
  }

  @Test
  void truncatedBodyIsAnError() {
    var raw = "Content-Length: 10\r\n\r\n{}";

    assertThrows(EOFException.class, () -> LspWire.read(new ByteArrayInputStream(raw.getBytes(UTF_8))));
  }

  @Test
  void missingContentLengthIsAnError() {
    var raw = "Content-Type: x\r\n\r\n{}";

    assertThrows(IOException.class, () -> LspWire.read(new ByteArrayInputStream(raw.getBytes(UTF_8))));
  }
}
