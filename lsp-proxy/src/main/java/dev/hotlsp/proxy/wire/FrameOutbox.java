package dev.hotlsp.proxy.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Writes frames to one stream from its own thread, in the order they were queued. Senders never
 * block on a slow or stuck reader, so two peers that write to each other through HotLSP cannot
 * deadlock it. Frames queued together are flushed together. Thread-safe.
 */
public final class FrameOutbox implements AutoCloseable {
  private static final Frame CLOSE = Frame.of(new byte[0]);

  private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
  private final OutputStream out;
  private final Thread thread;
  private volatile boolean broken;

  /**
   * @param onBroken told once, on the writer thread, when the stream fails (the peer is gone)
   */
  public FrameOutbox(OutputStream out, String name, Consumer<IOException> onBroken) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.thread = Thread.ofPlatform().daemon().name(name).start(() -> drain(onBroken));
  }

  /** Queues {@code frame}; false (and dropped) when the stream has already failed. */
  public boolean send(Frame frame) {
    if (broken) {
      return false;
    }
    queue.add(frame);
    return true;
  }


  private void drain(Consumer<IOException> onBroken) {
    try {
      while (true) {
        var frame = queue.take();
        if (frame == CLOSE) {
          break;
        }
        out.write(frame.header());
        out.write(frame.body());
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      broken = true;
      queue.clear();
      onBroken.accept(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        out.close();
      } catch (IOException ignored) {
        // the peer is gone; nothing to tell it
      }
    }
  }

  /** Writes what is queued, then closes the stream (the peer sees end of input). */
  @Override
  public void close() {
    queue.add(CLOSE);
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
