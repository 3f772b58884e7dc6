package dev.hotlsp.proxy.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private static FrameReader reader(String raw, long max) {
    return new FrameReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void readsConsecutiveFramesWithTheirExactHeaders() throws Exception {
    var r = reader("Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:  3\r\n\r\n[1]", 100);
    var first = assertInstanceOf(ReadResult.Message.class, r.next()).frame();
    assertEquals("{}", first.bodyText());
    assertArrayEquals("Content-Length: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII), first.header());
    var second = assertInstanceOf(ReadResult.Message.class, r.next()).frame();
    assertEquals("[1]", second.bodyText());
    assertEquals("Content-Type: x\r\ncontent-length:  3\r\n\r\n", new String(second.header(), StandardCharsets.US_ASCII));
    assertInstanceOf(ReadResult.End.class, r.next());
  }

  @Test
  void junkIsSkippedAndAGluedHeaderIsFound() throws Exception {
    var r = reader("garbage\r\njunk!Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]", 100);
    assertInstanceOf(ReadResult.Problem.class, r.next());
    var m = assertInstanceOf(ReadResult.Message.class, r.next()).frame();
    assertEquals("{}", m.bodyText());
    assertEquals("Content-Length: 2\r\n\r\n", new String(m.header(), StandardCharsets.US_ASCII));
    assertEquals("[]", assertInstanceOf(ReadResult.Message.class, r.next()).frame().bodyText());
  }

  @Test
  void oversizedMessagesAreSkippedButTheirIdIsRead() throws Exception {
    var body = "{\"id\":5,\"method\":\"m\",\"params\":\"" + "z".repeat(200) + "\"}";
    var r = reader("Content-Length: " + body.length() + "\r\n\r\n" + body + "Content-Length: 2\r\n\r\n{}", 100);
    var p = assertInstanceOf(ReadResult.Problem.class, r.next());
    assertTrue(p.description().contains("exceeds the limit of 100 bytes"), p.description());
    assertEquals("5", p.envelope().orElseThrow().id().toString());
    assertEquals("{}", assertInstanceOf(ReadResult.Message.class, r.next()).frame().bodyText());
  }

  @Test
  void aTruncatedBodyIsReported() throws Exception {
    var r = reader("Content-Length: 10\r\n\r\n{}", 100);
    assertTrue(assertInstanceOf(ReadResult.Problem.class, r.next()).description().contains("stream ended"));
    assertInstanceOf(ReadResult.End.class, r.next());
  }
}
