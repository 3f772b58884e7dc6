package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Head and tail of a stream in fixed memory, whatever the chunking. */
class HeadTailTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aShortStreamIsAllHead() {
    var kept = new HeadTail(8, 4);
    kept.add(ascii("hello"), 0, 5);
    assertEquals("hello", kept.head());
    assertEquals("", kept.tail());
    assertEquals(0, kept.dropped());
  }

  @Test
  void aLongStreamKeepsItsStartAndItsEnd() {
    var kept = new HeadTail(4, 4);
    kept.add(ascii("0123456789abcdef"), 0, 16);
    assertEquals("0123", kept.head());
    assertEquals("cdef", kept.tail());
    assertEquals(8, kept.dropped());
    assertEquals(16, kept.total());
  }

  /** Any chunking of any stream keeps exactly its first H and last T bytes, and counts the rest. */
  @Property(tries = 300)
  void chunkingDoesNotMatter(@ForAll @Size(max = 200) String text, @ForAll @IntRange(min = 0, max = 20) int head,
      @ForAll @IntRange(min = 0, max = 20) int tail, @ForAll @IntRange(min = 1, max = 30) int chunk) {
    var bytes = text.replaceAll("[^a-z]", "a").getBytes(StandardCharsets.US_ASCII);
    var kept = new HeadTail(head, tail);
    for (int off = 0; off < bytes.length; off += chunk) {
      kept.add(bytes, off, Math.min(chunk, bytes.length - off));
    }
    var all = new String(bytes, StandardCharsets.US_ASCII);
    int h = Math.min(head, all.length());
    int t = Math.min(tail, all.length() - h);
    assertEquals(all.substring(0, h), kept.head());
    assertEquals(all.substring(all.length() - t), kept.tail());
    assertEquals(all.length() - h - t, kept.dropped());
  }
}
