package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.hotlsp.proxy.wire.BackPressure;
import dev.hotlsp.proxy.wire.EditorInput;
import dev.hotlsp.proxy.wire.EditorTransport;
import dev.hotlsp.proxy.wire.Peer;
import dev.hotlsp.proxy.wire.Envelope;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.MalformedMessageException;
import dev.hotlsp.proxy.wire.Messages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The editor of a headless run: an in-memory LSP client on the proxy's editor side. It answers
 * gopls's requests the way a plain editor would, and records which files got diagnostics.
 * Incoming messages are handled on its own thread, so it never blocks the proxy's readers. It is
 * its own {@link EditorTransport}: in memory, no framing, no budget.
 */
final class HeadlessEditor implements Peer, EditorTransport, AutoCloseable {
  private final ExecutorService inbox = Executors.newSingleThreadExecutor(r -> {
    var t = new Thread(r, "headless-editor");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
  private final Set<String> published = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private volatile Consumer<Frame> proxy = f -> { };

  @Override
  public Peer output() {
    return this;
  }

  @Override
  public BackPressure outputRoom() {
    return BackPressure.NONE;
  }

  /** Connects the proxy's editor input (the router): this editor's requests go there. */
  @Override
  public void start(EditorInput input) {
    this.proxy = input::message;
  }

  @Override
  public void close(long graceMillis) {
    close();
  }

  /** Takes a message of gopls's; after {@link #close} (the check is over) it goes nowhere. */
  @Override
  public void send(Frame frame) {
    try {
      inbox.execute(() -> receive(frame));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: gopls may still speak while the check ends (a check that failed early, no go)
    }
  }

  private void receive(Frame frame) {
    Envelope env;
    try {
      env = Envelope.scan(frame.body());
    } catch (MalformedMessageException e) {
      return;
    }
    switch (env.kind()) {
      case RESPONSE, ERROR_RESPONSE -> {
        var f = waiting.remove(env.id().toString());
        if (f != null) {
          f.complete(Messages.parse(frame));
        }
      }
      case REQUEST -> proxy.accept(Messages.frame(Messages.result(env.id(), answer(env.method(), Messages.parse(frame)))));
      case NOTIFICATION -> {
        if ("textDocument/publishDiagnostics".equals(env.method())) {
          var params = Messages.parse(frame).getAsJsonObject("params");
          published.add(params.get("uri").getAsString());
        }
      }
    }
  }

  private static JsonElement answer(String method, JsonObject request) {
    if ("workspace/configuration".equals(method)) {
      var items = request.getAsJsonObject("params").getAsJsonArray("items");
      var result = new JsonArray();
      items.forEach(i -> result.add(new JsonObject()));
      return result;
    }
    return JsonNull.INSTANCE;
  }

  CompletableFuture<JsonObject> request(String method, JsonElement params) {
    var id = new JsonPrimitive(ids.incrementAndGet());
    var reply = new CompletableFuture<JsonObject>();
    waiting.put(id.toString(), reply);
    proxy.accept(Messages.frame(Messages.request(id, method, params)));
    return reply;
  }

  void notify(String method, JsonElement params) {
    proxy.accept(Messages.frame(Messages.notification(method, params)));
  }

  boolean hasDiagnostics(String uri) {
    return published.contains(uri);
  }

  /** The {@code initialize} params of a headless run on {@code dir}: one workspace folder, progress and configuration supported. */
  static JsonObject initializeParams(Path dir) {
    var p = new JsonObject();
    p.addProperty("processId", ProcessHandle.current().pid());
    p.addProperty("rootUri", dir.toUri().toString());
    var folder = new JsonObject();
    folder.addProperty("uri", dir.toUri().toString());
    folder.addProperty("name", dir.getFileName() == null ? "/" : dir.getFileName().toString());
    var folders = new JsonArray();
    folders.add(folder);
    p.add("workspaceFolders", folders);
    var caps = new JsonObject();
    var window = new JsonObject();
    window.addProperty("workDoneProgress", true);
    caps.add("window", window);
    var workspace = new JsonObject();
    workspace.addProperty("configuration", true);
    workspace.addProperty("workspaceFolders", true);
    caps.add("workspace", workspace);
    p.add("capabilities", caps);
    var client = new JsonObject();
    client.addProperty("name", "hotlsp check");
    p.add("clientInfo", client);
    return p;
  }
  @Override
  public void close() {
    inbox.shutdownNow();
  }
}
