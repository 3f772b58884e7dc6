package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Keeps the last bytes written to a stream (a server's stderr), so failure messages can show
 * them without the buffer growing. Thread-safe.
 */
public final class StderrTail extends OutputStream {
  private final byte[] ring;
  private long written;

  public StderrTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    ring = new byte[capacity];
  }

  /** Drains {@code in} into this tail on a daemon thread until end of stream. */
  public static StderrTail drain(InputStream in, int capacity, String threadName) {
    var tail = new StderrTail(capacity);
    Thread.ofPlatform()
        .daemon()
        .name(threadName)
        .start(
            () -> {
              try (in) {
                in.transferTo(tail);
              } catch (IOException e) {
                // the stream ended with the process; the tail keeps what arrived
              }
            });
    return tail;
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (written++ % ring.length)] = (byte) b;
  }

  @Override
  public synchronized String toString() {
    int n = (int) Math.min(written, ring.length);
    var out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = ring[(int) ((written - n + i) % ring.length)];
    }
    return new String(out, UTF_8);
  }
}
