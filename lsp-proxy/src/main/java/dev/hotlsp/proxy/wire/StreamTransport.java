package dev.hotlsp.proxy.wire;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** The editor on a pair of byte streams (stdin/stdout for {@code hotlsp serve}), Content-Length framed. */
public final class StreamTransport implements EditorTransport {
  private final InputStream in;
  private final long maxMessageBytes;
  private final FrameOutbox outbox;
  private final CompletableFuture<EditorInput> input = new CompletableFuture<>();

  /** @param name the name of the output's writer thread */
  public StreamTransport(InputStream in, OutputStream out, String name, long maxMessageBytes, OutboxLimits limits) {
    this.in = in;
    this.maxMessageBytes = maxMessageBytes;
    this.outbox = new FrameOutbox(out, name, limits, e -> input.thenAccept(i -> i.broken(e)));
  }

  @Override
  public Peer output() {
    return outbox::send;
  }

  @Override
  public BackPressure outputRoom() {
    return outbox;
  }

  @Override
  public void start(EditorInput editorInput) {
    var reader = new FrameReader(in, maxMessageBytes);
    input.complete(editorInput);
    Thread.ofPlatform().daemon().name("editor-reader").start(() -> StreamPump.run(reader, outbox, editorInput));
  }

  @Override
  public void close(long graceMillis) {
    outbox.closeAndWait(graceMillis);
  }
}
