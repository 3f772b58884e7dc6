package dev.hotlsp.bridge.run;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code headBytes} and the last {@code tailBytes} of a stream and counts the rest,
 * in fixed memory however much arrives. Thread-safe.
 */
final class HeadTail {
  private final byte[] head;
  private final byte[] tail;
  private int headLen;
  /** Bytes written into the tail ring in all; the ring holds the last min(tailWritten, tail.length). */
  private long tailWritten;
  private long total;

  HeadTail(int headBytes, int tailBytes) {
    this.head = new byte[headBytes];
    this.tail = new byte[tailBytes];
  }

  /** Keeps the budget {@code bytes} as half head, half tail. */
  static HeadTail ofBudget(long bytes) {
    int half = (int) Math.min(Integer.MAX_VALUE / 2, bytes / 2);
    return new HeadTail(half, (int) Math.min(Integer.MAX_VALUE / 2, bytes - half));
  }

  synchronized void add(byte[] bytes, int off, int len) {
    total += len;
    int toHead = Math.min(len, head.length - headLen);
    System.arraycopy(bytes, off, head, headLen, toHead);
    headLen += toHead;
    off += toHead;
    len -= toHead;
    if (len == 0 || tail.length == 0) {
      tailWritten += len;
      return;
    }
    if (len >= tail.length) {
      // only the last tail.length bytes survive: write them aligned to the ring's current position
      off += len - tail.length;
      tailWritten += len - tail.length;
      len = tail.length;
    }
    int pos = (int) (tailWritten % tail.length);
    int first = Math.min(len, tail.length - pos);
    System.arraycopy(bytes, off, tail, pos, first);
    System.arraycopy(bytes, off + first, tail, 0, len - first);
    tailWritten += len;
  }

  /** Bytes seen in all. */
  synchronized long total() {
    return total;
  }

  /** Bytes seen but not kept. */
  synchronized long dropped() {
    return total - headLen - Math.min(tailWritten, tail.length);
  }

  synchronized String head() {
    return new String(head, 0, headLen, StandardCharsets.UTF_8);
  }

  /** The kept tail, oldest byte first. */
  synchronized String tail() {
    int kept = (int) Math.min(tailWritten, tail.length);
    var out = new byte[kept];
    int start = (int) ((tailWritten - kept) % Math.max(1, tail.length));
    int first = Math.min(kept, tail.length - start);
    System.arraycopy(tail, start, out, 0, first);
    System.arraycopy(tail, 0, out, first, kept - first);
    return new String(out, StandardCharsets.UTF_8);
  }
}
