package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * WebSocket framing of the editor's output: each message's body as one text message (the
 * vscode-ws-jsonrpc convention), or — when the client sends Content-Length framing in binary
 * frames — header and body as one binary message. A message over 64 KiB goes in fragments, so a
 * slow client still shows progress.
 */
final class WebSocketWriter implements FrameWriter {
  private static final int FRAGMENT = 64 * 1024;
  private final CoreSession session;
  private final BooleanSupplier binary;

  /** @param binary whether the client chose Content-Length framing in binary frames */
  WebSocketWriter(CoreSession session, BooleanSupplier binary) {
    this.session = session;
    this.binary = binary;
  }

  @Override
  public void write(Frame frame, Runnable progress) throws IOException {
    if (!session.isOutputOpen()) {
      return; // the client closed the connection: the session ends through its input, not as a failed write
    }
    byte[] bytes;
    byte opcode;
    if (binary.getAsBoolean()) {
      bytes = new byte[frame.header().length + frame.body().length];
      System.arraycopy(frame.header(), 0, bytes, 0, frame.header().length);
      System.arraycopy(frame.body(), 0, bytes, frame.header().length, frame.body().length);
      opcode = OpCode.BINARY;
    } else {
      bytes = frame.body();
      opcode = OpCode.TEXT;
    }
    int off = 0;
    do {
      int n = Math.min(FRAGMENT, bytes.length - off);
      while (opcode == OpCode.TEXT && off + n < bytes.length && n > 1 && (bytes[off + n] & 0xC0) == 0x80) {
        n--; // a text fragment ends on a character boundary: no receiver sees half a UTF-8 sequence
      }
      boolean fin = off + n == bytes.length;
      var part = new org.eclipse.jetty.websocket.core.Frame(off == 0 ? opcode : OpCode.CONTINUATION, fin,
          ByteBuffer.wrap(bytes, off, n));
      send(part);
      off += n;
      progress.run();
    } while (off < bytes.length);
  }

  private void send(org.eclipse.jetty.websocket.core.Frame frame) throws IOException {
    var done = new FutureCallback();
    session.sendFrame(frame, done, false);
    try {
      done.get();
    } catch (ExecutionException e) {
      throw new IOException("the WebSocket failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing to the WebSocket");
    }
  }

  @Override
  public void flush() {
    // every frame is sent when written
  }

  /** Closes the connection normally: the session is over. */
  @Override
  public void close() {
    session.close(CloseStatus.NORMAL, "session ended", org.eclipse.jetty.util.Callback.NOOP);
  }
}
