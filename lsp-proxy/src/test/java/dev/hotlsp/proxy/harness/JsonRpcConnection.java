package dev.hotlsp.proxy.harness;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The editor's end of a JSON-RPC connection: one reader thread logs every incoming message,
 * completes pending requests and answers server requests through {@code answerer}; writes are
 * serialised and logged too. Thread-safe.
 */
public final class JsonRpcConnection implements AutoCloseable {
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final OutputStream out;
  private final MessageLog log;
  private final Function<LoggedMessage, JsonElement> answerer;
  private final Map<Long, PendingRequest> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Thread reader;

  private record PendingRequest(String method, CompletableFuture<JsonElement> result) {}

  /**
   * @param answerer computes the result of a server-to-client request; throw {@link LspError} to
   *     answer with an error
   */
  public JsonRpcConnection(InputStream in, OutputStream out, MessageLog log, Function<LoggedMessage, JsonElement> answerer) {
    this.out = out;
    this.log = log;
    this.answerer = answerer;
    var input = new BufferedInputStream(in);
    this.reader = Thread.ofPlatform().daemon().name("fake-editor-reader").start(() -> readLoop(input));
  }

  /** Sends a request; the future completes with its result or an {@link LspError}. */
  public CompletableFuture<JsonElement> request(String method, JsonElement params) {
    long id = nextId.getAndIncrement();
    var result = new CompletableFuture<JsonElement>();
    pending.put(id, new PendingRequest(method, result));
    var msg = envelope();
    msg.addProperty("id", id);
    msg.addProperty("method", method);
    msg.add("params", params);
    send(msg);
    return result;
  }

  public void notify(String method, JsonElement params) {
    var msg = envelope();
    msg.addProperty("method", method);
    msg.add("params", params);
    send(msg);
  }

  private void readLoop(InputStream in) {
    String why = "end of stream";
    try {
      while (true) {
        var body = LspWire.read(in);
        if (body.isEmpty()) {
          break;
        }
        dispatch(log.append(Direction.FROM_SERVER, JsonParser.parseString(body.get()).getAsJsonObject()));
      }
    } catch (IOException | RuntimeException e) {
      why = e.toString();
    } finally {
      log.close(why);
      var failure = new IllegalStateException("connection ended: " + why);
      pending.values().forEach(p -> p.result().completeExceptionally(failure));
    }
  }

  private void dispatch(LoggedMessage m) {
    var body = m.body();
    if (m.isResponse()) {
      var p = pending.remove(body.get("id").getAsLong());
      if (p == null) {
        return;
      }
      if (body.has("error")) {
        var error = body.getAsJsonObject("error");
        p.result().completeExceptionally(new LspError(p.method(), error.get("code").getAsInt(), error.get("message").getAsString()));
      } else {
        p.result().complete(body.has("result") ? body.get("result") : JsonNull.INSTANCE);
      }
    } else if (m.isRequest()) {
      var reply = envelope();
      reply.add("id", body.get("id"));
      try {
        reply.add("result", answerer.apply(m));
      } catch (LspError e) {
        var error = new JsonObject();
        error.addProperty("code", e.code());
        error.addProperty("message", e.getMessage());
        reply.add("error", error);
      }
      send(reply);
    }
  }

  private synchronized void send(JsonObject msg) {
    log.append(Direction.TO_SERVER, msg);
    try {
      LspWire.write(out, GSON.toJson(msg));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + msg.get("method"), e);
    }
  }

  private static JsonObject envelope() {
    var msg = new JsonObject();
    msg.addProperty("jsonrpc", "2.0");
    return msg;
  }

  /** Closes the output to the server (it sees end of input); the reader ends when the server closes. */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      out.close();
    }
  }

  /** Waits for the reader thread to finish (the server closed its output). */
  public boolean awaitReaderEnd(java.time.Duration timeout) throws InterruptedException {
    return reader.join(timeout);
  }
}
