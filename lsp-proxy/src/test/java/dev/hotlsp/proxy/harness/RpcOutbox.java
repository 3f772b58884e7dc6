package dev.hotlsp.proxy.harness;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The editor's sending side of the JSON-RPC connection: writes and logs requests, notifications
 * and responses (one at a time) and keeps the requests awaiting an answer. Thread-safe.
 */
public final class RpcOutbox implements AutoCloseable {
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final OutputStream out;
  private final MessageLog log;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);

  private record Pending(String method, CompletableFuture<JsonElement> result) {}

  public RpcOutbox(OutputStream out, MessageLog log) {
    this.out = out;
    this.log = log;
  }

  /** Sends a request; the future completes with its result (JSON null included) or an {@link LspError}. */
  public CompletableFuture<JsonElement> request(String method, JsonElement params) {
    long id = nextId.getAndIncrement();
    var result = new CompletableFuture<JsonElement>();
    pending.put(id, new Pending(method, result));
    var msg = envelope();
    msg.addProperty("id", id);
    msg.addProperty("method", method);
    addParams(msg, params);
    send(msg);
    return result;
  }

  public void notify(String method, JsonElement params) {
    var msg = envelope();
    msg.addProperty("method", method);
    addParams(msg, params);
    send(msg);
  }

  /** JSON null params are omitted, as editors do for {@code shutdown} and {@code exit}. */
  private static void addParams(JsonObject msg, JsonElement params) {
    if (!params.isJsonNull()) {
      msg.add("params", params);
    }
  }

  /** Answers a server request with a result. */
  void respond(JsonElement id, JsonElement result) {
    var reply = envelope();
    reply.add("id", id);
    reply.add("result", result);
    send(reply);
  }

  /** Answers a server request with an error. */
  void respondError(JsonElement id, LspError error) {
    var reply = envelope();
    reply.add("id", id);
    var e = new JsonObject();
    e.addProperty("code", error.code());
    e.addProperty("message", error.getMessage());
    reply.add("error", e);
    send(reply);
  }

  /** Completes the pending request a response answers; ignores unknown ids (the log keeps them). */
  void complete(JsonObject response) {
    var p = pending.remove(response.get("id").getAsLong());
    if (p == null) {
      return;
    }
    if (response.has("error")) {
      var error = response.getAsJsonObject("error");
      p.result().completeExceptionally(new LspError(p.method(), error.get("code").getAsInt(), error.get("message").getAsString()));
    } else {
      p.result().complete(response.has("result") ? response.get("result") : JsonNull.INSTANCE);
    }
  }

  /** Fails every pending request: the connection has ended. */
  void failAll(String why) {
    var failure = new IllegalStateException("connection ended: " + why);
    pending.values().forEach(p -> p.result().completeExceptionally(failure));
    pending.clear();
  }

  private synchronized void send(JsonObject msg) {
    log.append(Direction.TO_SERVER, msg);
    try {
      LspWire.write(out, GSON.toJson(msg));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send " + msg, e);
    }
  }

  private static JsonObject envelope() {
    var msg = new JsonObject();
    msg.addProperty("jsonrpc", "2.0");
    return msg;
  }

  /** Closes the stream to the server, which then sees the end of its input. */
  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
