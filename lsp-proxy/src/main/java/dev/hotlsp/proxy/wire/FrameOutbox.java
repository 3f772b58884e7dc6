package dev.hotlsp.proxy.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes frames to one stream, in the order they were sent, within a byte budget. A small frame
 * sent while nothing is queued or being written is written by its sender at once: no hand-off to
 * a second thread, whose wake-up on two busy cores can wait a whole scheduler slice (that was the
 * proxy's latency tail). Every other frame is queued and written by the outbox's own thread, so a
 * sender blocks at most on one small write. The budget is enforced on the reader thread of the
 * other peer, which calls {@link #awaitRoom} before reading its next message and so stops reading
 * (TCP-like back-pressure) while this outbox is full. A peer that accepts no byte for the stall
 * limit while bytes wait for it — the budget full, or a write blocked — is declared stalled: the
 * queue is dropped and {@code onBroken} is told; this also breaks a cycle of peers that stopped
 * reading while writing to each other. Frames queued together are flushed together. Thread-safe.
 */
public final class FrameOutbox implements AutoCloseable, BackPressure {
  /** Frames up to this size may be written by their sender (a hover's answer, a one-line didChange). */
  static final int DIRECT_MAX = 16 * 1024;
  private static final Frame CLOSE = Frame.of(new byte[0]);

  private final ReentrantLock lock = new ReentrantLock();
  /** The writer thread waits here for a frame and the stream. */
  private final Condition work = lock.newCondition();
  /** Readers of the other peer wait here for room in the budget ({@link #awaitRoom}). */
  private final Condition room = lock.newCondition();
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private final FrameWriter out;
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
  /** Some thread (a sender, or the outbox's own) is writing a frame. */
  private boolean writing;

  /**
   * @param onBroken told once, when the stream fails (the peer is gone), the writer thread fails,
   *     or the peer is stalled ({@link PeerStalledException})
   */
  public FrameOutbox(OutputStream out, String name, OutboxLimits limits, Consumer<IOException> onBroken) {
    this(new HeaderBodyWriter(out), name, limits, onBroken);
  }

  /** As {@link #FrameOutbox(OutputStream, String, OutboxLimits, Consumer)}, with the framing {@code out} puts on its connection. */
  public FrameOutbox(FrameWriter out, String name, OutboxLimits limits, Consumer<IOException> onBroken) {
    this.out = out;
    this.name = name;
    this.limits = limits;
    this.onBroken = onBroken;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::drain);
  }

  /**
   * Writes {@code frame} at once when it is small and nothing else is queued or being written,
   * else queues it; false (and dropped) when the stream has failed or the peer stalled.
   */
  public boolean send(Frame frame) {
    boolean direct;
    lock.lock();
    try {
      if (broken || closing) {
        return false;
      }
      boolean idle = queue.isEmpty() && !writing;
      if (idle) {
        lastProgress = System.nanoTime(); // the stall clock starts when there is something to write
      }
      direct = idle && size(frame) <= DIRECT_MAX;
      queuedBytes += size(frame);
      peakBytes = Math.max(peakBytes, queuedBytes);
      if (direct) {
        writing = true;
      } else {
        queue.addLast(frame);
        work.signal();
        if (stalledNow()) {
          stall();
          return false;
        }
      }
    } finally {
      lock.unlock();
    }
    return !direct || writeDirect(frame);
  }

  /** Writes and flushes a frame on the sender's thread; the caller has set {@code writing}. */
  private boolean writeDirect(Frame frame) {
    try {
      out.write(frame, this::progress);
      out.flush();
      lastProgress = System.nanoTime();
      return true;
    } catch (IOException e) {
      failAndTell(e);
      return false;
    } catch (RuntimeException | Error e) {
      failAndTell(new WriterFailedException(name + ": writing failed: " + e, e));
      throw e;
    } finally {
      lock.lock();
      try {
        writing = false;
        queuedBytes = broken ? 0 : queuedBytes - size(frame);
        // wake only a thread that has something to do: a wake-up per message of a writer with an
        // empty queue costs a context switch on the request path (seen with perf sched)
        if (!queue.isEmpty()) {
          work.signal();
        }
        room.signalAll();
      } finally {
        lock.unlock();
      }
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
        room.await(Math.min(limits.stallLimit().toMillis(), 250), TimeUnit.MILLISECONDS);
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
    return (queuedBytes >= limits.budgetBytes() || writing)
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
    work.signalAll();
    room.signalAll();
  }

  private void tell(IOException e) {
    if (told.compareAndSet(false, true)) {
      onBroken.accept(e);
    }
  }

  /**
   * Waits for a queued frame and the stream (a sender may be writing), and takes the stream; null
   * once the outbox has failed. Meanwhile it watches a sender's write: one that makes no progress
   * for the stall limit stalls the peer, as no other thread may be left to notice (a cycle of
   * peers that stopped reading while writing to each other).
   */
  private Frame take() throws InterruptedException {
    lock.lock();
    try {
      while ((queue.isEmpty() || writing) && !broken) {
        if (writing && stalledNow()) {
          stall();
          break;
        }
        // no polling: an idle outbox wakes once per stall limit, so a blocked write is seen within two
        work.await(limits.stallLimit().toMillis(), TimeUnit.MILLISECONDS);
      }
      if (broken) {
        return null;
      }
      writing = true;
      return queue.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  /** True when {@code frame} is the only frame queued (time to flush after it). */
  private boolean last(Frame frame) {
    lock.lock();
    try {
      return queue.size() == 1 && queue.peekFirst() == frame;
    } finally {
      lock.unlock();
    }
  }

  /** Removes the frame just written and gives the stream back. */
  private void written(Frame frame) {
    lock.lock();
    try {
      writing = false;
      if (!broken && queue.peekFirst() == frame) {
        queue.pollFirst();
        queuedBytes -= size(frame);
      }
      room.signalAll();
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
        out.write(frame, this::progress);
        if (last(frame)) {
          out.flush();
          lastProgress = System.nanoTime();
        }
        written(frame);
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

  private void progress() {
    lastProgress = System.nanoTime();
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
        work.signal();
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
