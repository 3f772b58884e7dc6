package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.watch.Scheduler;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one run's output, as the runner's pump threads deliver it, into batches: at most one batch
 * per stream per {@code interval}, each at most {@code capPerStream} bytes. Bytes that arrive while
 * a stream's buffer is full are counted and dropped (the next batch says how many), so a flood
 * costs a bounded buffer whatever its size — except the last {@code capPerStream} of them, kept in
 * a second buffer of that size until the next batch: at {@link #finish} they are sent after the
 * buffered text (with the count of those dropped before them), so the end of a run's output — the
 * line a flood ended with, the error that ended it — always reaches the editor. Text is decoded as
 * UTF-8 across chunk boundaries (malformed bytes become U+FFFD). Thread-safe.
 */
public final class OutputBatcher {
  /** Receives the batches, on the scheduler's thread (or the caller of {@link #finish}); must not block. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param stream {@code stdout} or {@code stderr}
     * @param droppedBytes bytes of this stream dropped since the previous batch (before this text)
     */
    void batch(String stream, String text, long droppedBytes);
  }

  private final Sink sink;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Duration interval;
  private final int capPerStream;
  private final Map<String, StreamBuffer> streams = new LinkedHashMap<>();
  private long queued;
  private long peakQueued;
  private long droppedTotal;
  private boolean finished;

  /** One stream's pending bytes. */
  private final class StreamBuffer {
    final String name;
    final ByteBuffer bytes = ByteBuffer.allocate(capPerStream);
    final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    long dropped;
    /** The last dropped bytes since the previous batch, a ring (allocated at the first drop). */
    byte[] tail;
    long tailWritten;
    Instant lastSent = Instant.MIN;
    Scheduler.Cancellable pending;

    StreamBuffer(String name) {
      this.name = name;
    }
  }

  public OutputBatcher(Sink sink, Scheduler scheduler, Clock clock, Duration interval, int capPerStream) {
    if (capPerStream < 4) {
      throw new IllegalArgumentException("capPerStream must hold a UTF-8 character");
    }
    this.sink = sink;
    this.scheduler = scheduler;
    this.clock = clock;
    this.interval = interval;
    this.capPerStream = capPerStream;
  }

  /** Takes {@code len} bytes of {@code stream}; never blocks on the editor. */
  public void output(String stream, byte[] data, int len) {
    synchronized (this) {
      if (finished) {
        return;
      }
      var buffer = streams.computeIfAbsent(stream, StreamBuffer::new);
      int kept = Math.min(len, buffer.bytes.remaining());
      buffer.bytes.put(data, 0, kept);
      queued += kept;
      peakQueued = Math.max(peakQueued, queued);
      buffer.dropped += len - kept;
      droppedTotal += len - kept;
      keepTail(buffer, data, kept, len - kept);
      if (buffer.pending == null && len > 0) {
        var now = clock.instant();
        var due = buffer.lastSent.equals(Instant.MIN) ? now : buffer.lastSent.plus(interval);
        var delay = due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO;
        buffer.pending = scheduler.schedule(delay, () -> flush(buffer, false));
      }
    }
  }

  /** Sends what is buffered at once, the incomplete UTF-8 tail too; later output is ignored. */
  public void finish() {
    synchronized (this) {
      finished = true;
      streams.values().forEach(b -> flush(b, true));
    }
  }

  /** Bytes buffered now, over all streams. */
  public synchronized long queuedBytes() {
    return queued;
  }

  /** The most bytes ever buffered at once: never more than {@code capPerStream} per stream. */
  public synchronized long peakQueuedBytes() {
    return peakQueued;
  }

  /** Bytes dropped so far, over all streams. */
  public synchronized long droppedBytes() {
    return droppedTotal;
  }

  private void keepTail(StreamBuffer buffer, byte[] data, int from, int count) {
    if (count == 0) {
      return;
    }
    if (buffer.tail == null) {
      buffer.tail = new byte[capPerStream];
    }
    int skip = Math.max(0, count - capPerStream); // only the last capPerStream can stay
    for (int i = from + skip, end = from + count; i < end; ) {
      int at = (int) (buffer.tailWritten % capPerStream);
      int n = Math.min(end - i, capPerStream - at);
      System.arraycopy(data, i, buffer.tail, at, n);
      buffer.tailWritten += n;
      i += n;
    }
  }

  /** The kept tail in order (at most {@code capPerStream} bytes), and forgets it. */
  private static byte[] takeTail(StreamBuffer buffer, int cap) {
    if (buffer.tail == null || buffer.tailWritten == 0) {
      return new byte[0];
    }
    int size = (int) Math.min(buffer.tailWritten, cap);
    var out = new byte[size];
    int start = (int) ((buffer.tailWritten - size) % cap);
    int first = Math.min(size, cap - start);
    System.arraycopy(buffer.tail, start, out, 0, first);
    System.arraycopy(buffer.tail, 0, out, first, size - first);
    buffer.tailWritten = 0;
    return out;
  }

  /** Sends the buffer's decodable text; under the lock, so a stream's batches keep their order. */
  private synchronized void flush(StreamBuffer buffer, boolean last) {
    if (buffer.pending != null) {
      buffer.pending.cancel();
      buffer.pending = null;
    }
    buffer.bytes.flip();
    int before = buffer.bytes.remaining();
    var chars = CharBuffer.allocate(before + 1);
    buffer.decoder.decode(buffer.bytes, chars, last);
    if (last) {
      buffer.decoder.flush(chars);
    }
    queued -= before - buffer.bytes.remaining();
    buffer.bytes.compact(); // an incomplete character waits for its next bytes
    String text = chars.flip().toString();
    long dropped = buffer.dropped;
    buffer.dropped = 0;
    byte[] tail = takeTail(buffer, capPerStream);
    if (last && tail.length > 0) {
      // the text first, then the end of the stream after what was dropped between them
      if (!text.isEmpty()) {
        sink.batch(buffer.name, text, 0);
      }
      buffer.lastSent = clock.instant();
      var end = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      try {
        sink.batch(buffer.name, end.decode(ByteBuffer.wrap(tail)).toString(), dropped - tail.length);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalStateException("a replacing decoder failed", e);
      }
      return;
    }
    if (text.isEmpty() && dropped == 0) {
      return;
    }
    buffer.lastSent = clock.instant();
    sink.batch(buffer.name, text, dropped);
  }
}
