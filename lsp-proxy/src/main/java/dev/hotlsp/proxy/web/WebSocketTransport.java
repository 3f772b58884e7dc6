package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.wire.BackPressure;
import dev.hotlsp.proxy.wire.EditorInput;
import dev.hotlsp.proxy.wire.EditorTransport;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.FrameOutbox;
import dev.hotlsp.proxy.wire.FrameReader;
import dev.hotlsp.proxy.wire.OutboxLimits;
import dev.hotlsp.proxy.wire.Peer;
import dev.hotlsp.proxy.wire.StreamPump;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The editor on one WebSocket connection. Framing, chosen by the client's first data message (or
 * up front by {@code ?framing=content-length}, for a client the server may speak to first): one
 * JSON-RPC message per text message (what monaco-languageclient sends), or Content-Length framing
 * in binary messages split anywhere (what a client built on a byte stream sends), read by the same
 * {@link FrameReader} as stdio. The output answers in the client's framing through a
 * {@link FrameOutbox} (budget and stall detection as for stdio). Back-pressure: a message is read
 * from the socket only after the previous one was handed on, which waits for room in the output
 * and in gopls's queue. A text message over the size limit closes the connection with 1009
 * (message too big); in binary framing an oversized message is read past as on stdio and the
 * session goes on. Mixing text and binary messages closes with 1003. A close from the client ends
 * the session's input like the end of stdin: what the session still sends goes out (within the
 * session's end) before the server answers the close.
 */
final class WebSocketTransport implements EditorTransport, FrameHandler {
  private enum Mode { UNDECIDED, TEXT, BINARY }

  private final String name;
  private final long maxMessageBytes;
  private final OutboxLimits limits;
  private final LongSupplier nanoClock;
  private final Consumer<WebSocketTransport> opened;
  private final CompletableFuture<EditorInput> input = new CompletableFuture<>();
  private final AtomicBoolean inputEnded = new AtomicBoolean();
  private volatile CoreSession session;
  private volatile FrameOutbox outbox;
  private volatile Mode mode;
  /** The client's close, answered once the session has ended (its last messages sent). */
  private final CompletableFuture<Callback> closeReceived = new CompletableFuture<>();
  private volatile long lastDataNanos;
  private volatile long lastFrameNanos;
  private volatile CloseStatus closeStatus;
  /** The data message being read: its opcode, and a text message's bytes so far. Jetty calls onFrame one at a time. */
  private byte messageOpcode;
  private ByteArrayOutputStream text;
  private BytePipe pipe;

  /**
   * @param opened told once the connection is open, on Jetty's thread (it starts the session and must not block)
   */
  WebSocketTransport(String name, boolean contentLength, long maxMessageBytes, OutboxLimits limits,
      LongSupplier nanoClock, Consumer<WebSocketTransport> opened) {
    this.mode = contentLength ? Mode.BINARY : Mode.UNDECIDED;
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
    this.limits = limits;
    this.nanoClock = nanoClock;
    this.opened = opened;
  }

  String name() {
    return name;
  }

  @Override
  public void onOpen(CoreSession coreSession, Callback callback) {
    this.session = coreSession;
    this.lastDataNanos = nanoClock.getAsLong();
    this.lastFrameNanos = lastDataNanos;
    this.outbox = new FrameOutbox(new WebSocketWriter(coreSession, () -> mode == Mode.BINARY), name, limits,
        e -> input.thenAccept(i -> i.broken(e)));
    callback.succeeded();
    opened.accept(this);
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
    input.complete(editorInput);
    session.demand(); // nothing is read before the session can take it
  }

  @Override
  public void onFrame(org.eclipse.jetty.websocket.core.Frame frame, Callback callback) {
    lastFrameNanos = nanoClock.getAsLong();
    try {
      boolean more = switch (frame.getOpCode()) {
        case OpCode.TEXT, OpCode.BINARY -> {
          messageOpcode = frame.getOpCode();
          yield data(frame);
        }
        case OpCode.CONTINUATION -> data(frame);
        case OpCode.PING -> {
          session.sendFrame(new org.eclipse.jetty.websocket.core.Frame(OpCode.PONG, ByteBuffer.wrap(copy(frame.getPayload()))),
              Callback.NOOP, false);
          yield true;
        }
        case OpCode.CLOSE -> {
          closeReceived.complete(callback);
          endInput();
          yield false;
        }
        default -> true; // PONG: the answer to our ping; Jetty's idle timer saw it
      };
      if (frame.getOpCode() != OpCode.CLOSE) {
        callback.succeeded();
      }
      if (more) {
        session.demand();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    } catch (RuntimeException | Error e) {
      callback.failed(e);
      input.thenAccept(i -> i.failed(e));
    }
  }

  /** Takes a data frame; false when the connection is being closed for it. */
  private boolean data(org.eclipse.jetty.websocket.core.Frame frame) throws InterruptedException {
    lastDataNanos = nanoClock.getAsLong();
    var want = messageOpcode == OpCode.BINARY ? Mode.BINARY : Mode.TEXT;
    if (mode == Mode.UNDECIDED) {
      mode = want;
    } else if (mode != want) {
      closeWith(CloseStatus.BAD_DATA, "this connection sends " + mode.name().toLowerCase()
          + " messages; one framing per connection");
      return false;
    }
    var in = input.join();
    if (mode == Mode.BINARY) {
      if (pipe == null) {
        pipe = new BytePipe(Math.max(64 * 1024, Math.min(limits.budgetBytes(), 16L << 20)));
        var reader = new FrameReader(pipe, maxMessageBytes);
        Thread.ofPlatform().daemon().name(name + "-reader").start(() -> StreamPump.run(reader, outbox, in));
      }
      pipe.write(copy(frame.getPayload()));
      return true;
    }
    if (text == null) {
      text = new ByteArrayOutputStream();
    }
    if ((long) text.size() + frame.getPayloadLength() > maxMessageBytes) {
      text = null;
      closeWith(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + maxMessageBytes + " bytes (--max-message-bytes)");
      return false;
    }
    var payload = frame.getPayload();
    if (payload != null) {
      var bytes = copy(payload);
      text.write(bytes, 0, bytes.length);
    }
    if (!frame.isFin()) {
      return true;
    }
    var message = Frame.of(text.toByteArray());
    text = null;
    outbox.awaitRoom(); // the editor does not read what it is sent: stop reading from it
    in.awaitRoom(); // gopls's queue is full: stop reading from the editor
    in.message(message);
    return true;
  }

  private static byte[] copy(ByteBuffer payload) {
    if (payload == null) {
      return new byte[0];
    }
    var bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus status, Callback callback) {
    closeStatus = status;
    endInput(); // the session ends through its input, as when stdin closes
    callback.succeeded();
  }

  /** The editor's input ends: binary framing's reader sees end of stream, else the session is told. */
  private void endInput() {
    if (inputEnded.compareAndSet(false, true)) {
      if (pipe != null) {
        pipe.close();
      } else {
        input.thenAccept(i -> i.closed(null));
      }
    }
  }

  /** Closes the connection with {@code code} and {@code reason} (at most 123 bytes, as a close frame allows). */
  void closeWith(int code, String reason) {
    var s = session;
    if (s != null) {
      s.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
    }
  }

  /** Sends a ping (kept alive through proxies; a client that stopped answering ends by Jetty's idle timeout). */
  void ping() {
    var s = session;
    if (s != null && s.isOutputOpen()) {
      s.sendFrame(new org.eclipse.jetty.websocket.core.Frame(OpCode.PING), Callback.NOOP, false);
    }
  }

  /** Nanoseconds since the client last sent a data frame. */
  long idleNanos() {
    return nanoClock.getAsLong() - lastDataNanos;
  }

  /** Nanoseconds since the client last sent any frame (a pong too). */
  long silentNanos() {
    return nanoClock.getAsLong() - lastFrameNanos;
  }

  /** Drops the connection without a close handshake (a client that answers nothing would not answer one). */
  void abort() {
    var s = session;
    if (s != null) {
      s.abort();
    }
  }

  /** How the connection was closed, once it was. */
  CloseStatus closeStatus() {
    return closeStatus;
  }

  @Override
  public void close(long graceMillis) {
    var o = outbox;
    if (o != null) {
      o.closeAndWait(graceMillis);
    }
    endInput();
    closeReceived.thenAccept(Callback::succeeded); // answers the client's close, if it sent one
  }
}
