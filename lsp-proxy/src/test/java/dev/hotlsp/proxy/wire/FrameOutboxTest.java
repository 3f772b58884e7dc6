package dev.hotlsp.proxy.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameOutboxTest {
  private static final OutboxLimits SMALL = new OutboxLimits(64 * 1024, Duration.ofMillis(300));

  /** A stream whose writes block until {@link #release} (a peer that stopped reading). */
  private static final class BlockedStream extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      synchronized (written) {
        written.write(b, off, len);
      }
    }
  }

  private static Frame frameOf(int bytes) {
    return Frame.of(new byte[bytes]);
  }

  @Test
  void sendersNeverBlockAndAwaitRoomHoldsTheQueueToTheBudget() throws Exception {
    var stream = new BlockedStream();
    var broken = new CompletableFuture<IOException>();
    var outbox = new FrameOutbox(stream, "test", new OutboxLimits(128 * 1024, Duration.ofSeconds(30)),
        broken::complete);
    for (int i = 0; i < 2; i++) {
      outbox.awaitRoom(); // returns at once below the budget
      assertTrue(outbox.send(frameOf(70 * 1024))); // larger than the writer's buffer: the writes block
    }
    var waited = new CountDownLatch(1);
    Thread.ofPlatform().daemon().start(() -> {
      outbox.awaitRoom();
      waited.countDown();
    });
    assertFalse(waited.await(200, TimeUnit.MILLISECONDS), "the reader of the other peer waits");
    assertTrue(outbox.queuedBytes() >= 128 * 1024);
    stream.release.countDown();
    assertTrue(waited.await(10, TimeUnit.SECONDS), "room again once the peer reads");
    outbox.closeAndWait(10_000);
    assertEquals(0, outbox.queuedBytes());
    assertTrue(outbox.peakQueuedBytes() < 141 * 1024, "peak " + outbox.peakQueuedBytes());
    assertFalse(broken.isDone());
  }

  @Test
  void aPeerThatReadsNothingWithAFullBudgetIsStalled() throws Exception {
    var stream = new BlockedStream();
    var broken = new CompletableFuture<IOException>();
    var outbox = new FrameOutbox(stream, "test", SMALL, broken::complete);
    outbox.send(frameOf(80 * 1024));
    outbox.awaitRoom(); // returns once the stall is declared
    assertInstanceOf(PeerStalledException.class, broken.get(10, TimeUnit.SECONDS));
    assertEquals(0, outbox.queuedBytes(), "the queue is dropped");
    assertFalse(outbox.send(frameOf(1)), "sends to a stalled peer are refused");
  }

  @Test
  void anErrorOnTheWriterThreadIsReportedNotSwallowed() throws Exception {
    var broken = new CompletableFuture<IOException>();
    var outbox = new FrameOutbox(new OutputStream() {
      @Override
      public void write(int b) {
        throw new OutOfMemoryError("injected");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        throw new OutOfMemoryError("injected");
      }
    }, "test", SMALL, broken::complete);
    outbox.send(frameOf(100 * 1024)); // larger than the buffer: written through at once
    var failure = assertInstanceOf(FrameOutbox.WriterFailedException.class, broken.get(10, TimeUnit.SECONDS));
    assertInstanceOf(OutOfMemoryError.class, failure.getCause());
    assertFalse(outbox.send(frameOf(1)));
  }

  /** A stream that records which thread wrote each chunk. */
  private static final class ThreadRecordingStream extends OutputStream {
    final java.util.List<String> writers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writers.add(Thread.currentThread().getName());
      written.write(b, off, len);
    }
  }

  @Test
  void aSmallFrameToAnIdleStreamIsWrittenByItsSenderALargeOneByTheOutboxThread() throws Exception {
    var stream = new ThreadRecordingStream();
    var outbox = new FrameOutbox(stream, "outbox-thread", SMALL, e -> { });
    assertTrue(outbox.send(Frame.of("{\"small\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    assertEquals(java.util.List.of(Thread.currentThread().getName()), stream.writers,
        "written before send returned, on the sender's thread: no hand-off");
    assertEquals(0, outbox.queuedBytes());
    assertTrue(outbox.send(frameOf(FrameOutbox.DIRECT_MAX + 1)));
    outbox.closeAndWait(10_000);
    assertEquals("outbox-thread", stream.writers.get(stream.writers.size() - 1));
  }

  @Test
  void framesSentDuringASendersWriteFollowItInOrder() throws Exception {
    var stream = new BlockedStream();
    var outbox = new FrameOutbox(stream, "test", new OutboxLimits(1 << 20, Duration.ofSeconds(30)), e -> { });
    var first = CompletableFuture.runAsync(() -> outbox.send(Frame.of(new byte[] {'a'})));
    dev.hotlsp.proxy.harness.Poll.until("the first sender holds the stream", Duration.ofSeconds(10),
        () -> outbox.queuedBytes() > 0, () -> "queued " + outbox.queuedBytes());
    assertTrue(outbox.send(Frame.of(new byte[] {'b'})), "queued behind it, not written beside it");
    assertTrue(outbox.send(Frame.of(new byte[] {'c'})));
    stream.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    outbox.closeAndWait(10_000);
    var text = stream.written.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.matches("(?s)Content-Length: 1\r\n\r\naContent-Length: 1\r\n\r\nb"
        + "Content-Length: 1\r\n\r\nc"), text);
  }

  @Test
  void aSendersWriteThatMakesNoProgressStallsThePeerWithNothingQueued() throws Exception {
    var stream = new BlockedStream();
    var broken = new CompletableFuture<IOException>();
    var outbox = new FrameOutbox(stream, "test", SMALL, broken::complete);
    Thread.ofPlatform().daemon().start(() -> outbox.send(frameOf(100))); // blocks: the peer reads nothing
    // nothing else is sent and nobody waits for room: only the outbox's own thread can notice
    assertInstanceOf(PeerStalledException.class, broken.get(10, TimeUnit.SECONDS));
    stream.release.countDown();
  }
}
