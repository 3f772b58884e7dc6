package dev.hotlsp.proxy.wire;

import java.io.Closeable;
import java.io.IOException;

/**
 * How frames are put on one connection (the framing half of a transport): a header and body on a
 * byte stream ({@link HeaderBodyWriter}), or one message per WebSocket message. Used by one
 * {@link FrameOutbox}, which calls it from one thread at a time.
 */
public interface FrameWriter extends Closeable {
  /**
   * Writes one frame, perhaps buffered until {@link #flush}; calls {@code progress} each time
   * some of it was accepted (a large frame to a slow reader still shows progress).
   */
  void write(Frame frame, Runnable progress) throws IOException;

  /** Sends what is buffered. */
  void flush() throws IOException;
}
