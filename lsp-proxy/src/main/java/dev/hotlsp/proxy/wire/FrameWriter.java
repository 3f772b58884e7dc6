package dev.hotlsp.proxy.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes frames to one stream; one whole frame at a time, from any thread. */
public final class FrameWriter {
  private final OutputStream out;

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes {@code frame} and flushes.
   *
   * @throws UncheckedIOException when the stream is broken (the peer is gone)
   */
  public synchronized void write(Frame frame) {
    try {
      out.write(frame.header());
      out.write(frame.body());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void close() {
    try {
      out.close();
    } catch (IOException ignored) {
      // closing a broken pipe: nothing left to tell anyone
    }
  }
}
