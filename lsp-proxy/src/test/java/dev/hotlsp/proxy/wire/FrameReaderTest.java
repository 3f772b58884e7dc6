package dev.hotlsp.proxy.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  @Test
  void contentLengthValuesAreDigitsWithOptionalBlanks() {
    assertEquals(10, FrameReader.parseLength("10"));
    assertEquals(10, FrameReader.parseLength(" \t10 \t"));
    assertEquals(10, FrameReader.parseLength("0000000000000000000000010"));
    assertEquals(4294967306L, FrameReader.parseLength("4294967306"));
    assertEquals(FrameReader.MAX_CONTENT_LENGTH, FrameReader.parseLength("9007199254740991"));
    assertEquals(FrameReader.MAX_CONTENT_LENGTH, FrameReader.parseLength("00009007199254740991"));
    for (var bad : new String[] {"", "  ", "+10", "-10", "1 0", "10a", "0x10", "1e3", "\u0661\u0660",
        "9007199254740992", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
        "123456789012345678901234567890"}) {
      assertEquals(-1, FrameReader.parseLength(bad), bad);
    }
  }

  @Test
  void everyHugeLengthIsReadPastAndFramingGoesOn() throws Exception {
    for (var length : new String[] {"2500000000", "4294967306", "9007199254740991"}) {
      var r = reader("Content-Length: " + length + "\r\n\r\n{\"id\":7,\"method\":\"m\"}", 1 << 20);
      var p = assertInstanceOf(ReadResult.Problem.class, r.next());
      assertTrue(p.description().contains("stream ended inside a message of"), p.description());
      assertEquals("7", p.envelope().orElseThrow().id().toString(), "the sender can still be answered");
      assertInstanceOf(ReadResult.End.class, r.next());
    }
  }

  @Test
  void aSignedOrMalformedLengthIsAProblemNotAFrame() throws Exception {
    var r = reader("Content-Length: +2\r\n\r\n{}Content-Length: 2\r\n\r\n[]", 100);
    assertTrue(assertInstanceOf(ReadResult.Problem.class, r.next()).description().contains("bad Content-Length"));
    while (true) {
      var next = r.next();
      if (next instanceof ReadResult.Message m) {
        assertEquals("[]", m.frame().bodyText());
        break;
      }
      assertInstanceOf(ReadResult.Problem.class, next);
    }
  }

  @Test
  void aNumberThatCannotBeALengthIsABadHeaderAndTheNextMessageIsRead() throws Exception {
    var r = reader("Content-Length: 99999999999999999999999\r\n\r\n{\"id\":7,\"method\":\"m\"}"
        + "Content-Length: 2\r\n\r\n[]", 1 << 20);
    var p = assertInstanceOf(ReadResult.Problem.class, r.next());
    assertTrue(p.description().startsWith("bad Content-Length"), p.description());
    assertEquals("[]", assertInstanceOf(ReadResult.Message.class, r.next()).frame().bodyText());
    assertInstanceOf(ReadResult.End.class, r.next());
  }

  @Test
  void aLimitAboveOneArrayIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new FrameReader(new ByteArrayInputStream(new byte[0]), FrameReader.MAX_LIMIT + 1));
  }
}
