package dev.hotlsp.proxy.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes frames to one stream from its own thread, in the order they were queued, within a byte
 * budget. {@link #send} never blocks, so two peers that write to each other through HotLSP cannot
 * deadlock it; the budget is enforced on the reader thread of the other peer, which calls
 * {@link #awaitRoom} before reading its next message and so stops reading (TCP-like back-pressure)
 * while this outbox is full. A peer that lets the budget stay full with no write progress for the
 * stall limit is declared stalled: the queue is dropped and {@code onBroken} is told. Frames queued
 * together are flushed together. Thread-safe.
 */
public final class FrameOutbox implements AutoCloseable, BackPressure {
  private static final int CHUNK = 64 * 1024;
  private static final Frame CLOSE = Frame.of(new byte[0]);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private final OutputStream out;
  private final String name;
  private final OutboxLimits limits;
  private final Consumer<IOException> onBroken;
  private final AtomicBoolean told = new AtomicBoolean();
  private final Thread thread;
  private long queuedBytes;
  private long peakBytes;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean broken;
  private boolean closing;

  /**
   * @param onBroken told once, when the stream fails (the peer is gone), the writer thread fails,
   *     or the peer is stalled ({@link PeerStalledException})
   */
  public FrameOutbox(OutputStream out, String name, OutboxLimits limits, Consumer<IOException> onBroken) {
    this.out = new BufferedOutputStream(out, CHUNK);
    this.name = name;
    this.limits = limits;
    this.onBroken = onBroken;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::drain);
  }

  /** Queues {@code frame}; false (and dropped) when the stream has failed or the peer stalled. */
  public boolean send(Frame frame) {
    lock.lock();
    try {
      if (broken || closing) {
        return false;
      }
      if (queue.isEmpty()) {
        lastProgress = System.nanoTime(); // the stall clock starts when there is something to write
      }
      queue.addLast(frame);
      queuedBytes += size(frame);
      peakBytes = Math.max(peakBytes, queuedBytes);
      changed.signalAll();
      if (stalledNow()) {
        stall();
        return false;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits while the budget is full and the peer is making progress; declares a stall otherwise. */
  @Override
  public void awaitRoom() {
    lock.lock();
    try {
      while (!broken && !closing && queuedBytes >= limits.budgetBytes()) {
        if (stalledNow()) {
          stall();
          return;
        }
        changed.await(Math.min(limits.stallLimit().toMillis(), 250), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes queued and not yet written (the frame being written counts until it is done). */
  public long queuedBytes() {
    lock.lock();
    try {
      return queuedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** The most bytes ever queued at once. */
  public long peakQueuedBytes() {
    lock.lock();
    try {
      return peakBytes;
    } finally {
      lock.unlock();
    }
  }

  private boolean stalledNow() {
    return queuedBytes >= limits.budgetBytes()
        && System.nanoTime() - lastProgress >= limits.stallLimit().toNanos();
  }

  private void stall() {
    long queued = queuedBytes;
    fail();
    String message = name + ": the peer read nothing for " + limits.stallLimit().toMillis() + " ms with "
        + (queued >> 10) + " KiB queued (budget " + (limits.budgetBytes() >> 10) + " KiB)";
    // not on the caller's thread: it may hold locks that the listener's recovery needs
    Thread.ofPlatform().daemon().name(name + "-stalled").start(() -> tell(new PeerStalledException(message)));
  }

  /** Marks the outbox failed and drops the queue; the caller holds the lock. */
  private void fail() {
    broken = true;
    queue.clear();
    queuedBytes = 0;
    changed.signalAll();
  }

  private void tell(IOException e) {
    if (told.compareAndSet(false, true)) {
      onBroken.accept(e);
    }
  }

  private Frame take() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !broken) {
        changed.await();
      }
      return broken ? null : queue.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Removes the frame just written; true when nothing else is queued (time to flush). */
  private boolean written(Frame frame) {
    lock.lock();
    try {
      if (!broken && queue.peekFirst() == frame) {
        queue.pollFirst();
        queuedBytes -= size(frame);
      }
      changed.signalAll();
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private void drain() {
    try {
      while (true) {
        var frame = take();
        if (frame == null || frame == CLOSE) {
          break;
        }
        write(frame.header());
        write(frame.body());
        if (written(frame)) {
          out.flush();
          lastProgress = System.nanoTime();
        }
      }
    } catch (IOException e) {
      failAndTell(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failAndTell(new WriterFailedException(name + ": the writer thread failed: " + t, t));
    } finally {
      try {
        out.close();
      } catch (IOException ignored) {
        // the peer is gone; nothing to tell it
      }
    }
  }

  private void failAndTell(IOException e) {
    lock.lock();
    try {
      fail();
    } finally {
      lock.unlock();
    }
    tell(e);
  }

  /** Writes in chunks, so a large frame to a slow reader still shows progress. */
  private void write(byte[] bytes) throws IOException {
    for (int off = 0; off < bytes.length; off += CHUNK) {
      out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
      lastProgress = System.nanoTime();
    }
  }

  private static long size(Frame frame) {
    return (long) frame.header().length + frame.body().length;
  }

  /** The writer thread itself failed (an {@link Error} or a bug), not the stream. */
  public static final class WriterFailedException extends IOException {
    WriterFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Writes what is queued, then closes the stream (the peer sees end of input). */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closing) {
        closing = true;
        queue.addLast(CLOSE);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@link #close()}, waiting up to {@code millis} for the queued frames to be written. */
  public void closeAndWait(long millis) {
    close();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
