package dev.hotlsp.proxy.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** LSP base-protocol framing on a byte stream: each frame's header then its body, byte for byte. */
public final class HeaderBodyWriter implements FrameWriter {
  static final int CHUNK = 64 * 1024;
  private final OutputStream out;

  public HeaderBodyWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, CHUNK);
  }

  @Override
  public void write(Frame frame, Runnable progress) throws IOException {
    write(frame.header(), progress);
    write(frame.body(), progress);
  }

  /** Writes in chunks, so a large frame to a slow reader still shows progress. */
  private void write(byte[] bytes, Runnable progress) throws IOException {
    for (int off = 0; off < bytes.length; off += CHUNK) {
      out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
      progress.run();
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
