package dev.hotlsp.proxy.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's browser-like WebSocket client (the JDK's {@link java.net.http.WebSocket}): whole text
 * messages and binary chunks are queued as they arrive; the close code and reason are kept.
 */
public final class WsClient implements AutoCloseable {
  /** How the connection ended. */
  public record Closed(int code, String reason) {}

  public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  public final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(WebSocket socket) {
    this.socket = socket;
  }

  /** Connects, with {@code subprotocols} offered and an {@code Origin} header when not null. */
  public static WsClient connect(URI uri, String origin, List<String> subprotocols) throws Exception {
    return connect(uri, origin, subprotocols, null);
  }

  /**
   * As {@link #connect(URI, String, List)}; binary data goes to {@code binarySink} as it arrives
   * (the next is read only after it returns: a sink that blocks stops the client reading) instead
   * of {@link #binaries}.
   */
  public static WsClient connect(URI uri, String origin, List<String> subprotocols,
      java.util.function.Consumer<byte[]> binarySink) throws Exception {
    var holder = new CompletableFuture<WsClient>();
    var listener = new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();
      private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          holder.join().texts.add(text.toString());
          text.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        var bytes = new byte[data.remaining()];
        data.get(bytes);
        if (binarySink != null) {
          binarySink.accept(bytes);
          ws.request(1);
          return null;
        }
        binary.writeBytes(bytes);
        if (last) {
          holder.join().binaries.add(binary.toByteArray());
          binary.reset();
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        holder.join().closed.complete(new Closed(statusCode, reason));
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        holder.join().closed.complete(new Closed(-1, String.valueOf(error)));
      }
    };
    var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    var socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
    var client = new WsClient(socket);
    holder.complete(client);
    return client;
  }

  public static WsClient connect(URI uri) throws Exception {
    return connect(uri, null, List.of());
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void sendText(String message) {
    socket.sendText(message, true).join();
  }

  /** Sends {@code bytes} as one binary message. */
  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next whole text message, waiting up to 20 s. */
  public String nextText() throws InterruptedException {
    var t = texts.poll(20, TimeUnit.SECONDS);
    if (t == null) {
      throw new AssertionError("no text message within 20 s");
    }
    return t;
  }

  /** How the server closed the connection, waiting up to 20 s. */
  public Closed awaitClosed() throws Exception {
    return closed.get(20, TimeUnit.SECONDS);
  }

  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
  }

  /** Drops the connection without a close handshake. */
  public void abort() {
    socket.abort();
  }
}
