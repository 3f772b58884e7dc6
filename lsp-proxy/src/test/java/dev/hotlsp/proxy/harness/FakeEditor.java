package dev.hotlsp.proxy.harness;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scripted LSP client over a {@link RunningServer}: it initializes like a real editor, keeps
 * open buffers and their versions, sends document changes, answers server requests (applying
 * {@code workspace/applyEdit} to its buffers) and records every message in a {@link MessageLog}.
 * Paths are relative to the {@link Sandbox}. Thread-safe.
 */
public final class FakeEditor implements AutoCloseable {
  private final RunningServer server;
  private final Sandbox sandbox;
  private final EditorConfig config;
  private final MessageLog log;
  private final JsonRpcConnection rpc;
  private final Map<String, Buffer> buffers = new HashMap<>();
  private final JsonObject initializeResult;

  private FakeEditor(RunningServer server, Sandbox sandbox, EditorConfig config, Clock clock) throws InterruptedException {
    this.server = server;
    this.sandbox = sandbox;
    this.config = config;
    this.log = new MessageLog(clock);
    this.rpc =
        new JsonRpcConnection(
            server.fromServer(), server.toServer(), log, new ServerRequestAnswerer(config, this::applyWorkspaceEdit));
    this.initializeResult = call("initialize", InitializeParams.of(config, sandbox)).getAsJsonObject();
    rpc.notify("initialized", new JsonObject());
  }

  /** Starts {@code server} in the sandbox and completes the initialize handshake. */
  public static FakeEditor start(ServerUnderTest server, Sandbox sandbox, EditorConfig config)
      throws IOException, InterruptedException {
    var running = server.start(sandbox.root());
    try {
      return new FakeEditor(running, sandbox, config, Clock.systemUTC());
    } catch (RuntimeException | Error | InterruptedException e) {
      running.close();
      throw e;
    }
  }

  public JsonObject initializeResult() {
    return initializeResult.deepCopy();
  }

  public MessageLog log() {
    return log;
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** Blocks until {@code expectation} is met within the configured timeout; returns the view that met it. */
  public LogView await(Expectation expectation) throws InterruptedException {
    try {
      return log.await(expectation, config.timeout());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nserver stderr (tail):\n" + server.stderrTail(), e);
    }
  }

  /** Opens a sandbox file as a buffer at version 1 and returns its URI. */
  public synchronized String open(String path) {
    var buffer = new Buffer(sandbox.uri(path), languageOf(path), 1, sandbox.read(path));
    buffers.put(path, buffer);
    var item = new JsonObject();
    item.addProperty("uri", buffer.uri());
    item.addProperty("languageId", buffer.languageId());
    item.addProperty("version", buffer.version());
    item.addProperty("text", buffer.text());
    var params = new JsonObject();
    params.add("textDocument", item);
    rpc.notify("textDocument/didOpen", params);
    return buffer.uri();
  }

  /** Replaces {@code [start, end)} and sends it as an incremental change. */
  public synchronized void edit(String path, Pos start, Pos end, String newText) {
    var buffer = buffer(path);
    var change = new JsonObject();
    var range = new JsonObject();
    range.add("start", start.toJson());
    range.add("end", end.toJson());
    change.add("range", range);
    change.addProperty("text", newText);
    change(path, buffer.next(TextEdits.replace(buffer.text(), start, end, newText)), change);
  }

  /** Replaces the whole text and sends it as a full change. */
  public synchronized void replaceText(String path, String text) {
    var change = new JsonObject();
    change.addProperty("text", text);
    change(path, buffer(path).next(text), change);
  }

  /** Writes the buffer to disk and sends {@code didSave} with the text. */
  public synchronized void save(String path) throws IOException {
    var buffer = buffer(path);
    sandbox.write(path, buffer.text());
    var params = new JsonObject();
    params.add("textDocument", identifier(buffer.uri()));
    params.addProperty("text", buffer.text());
    rpc.notify("textDocument/didSave", params);
  }

  public synchronized void close(String path) {
    var buffer = buffers.remove(path);
    if (buffer == null) {
      throw new IllegalStateException(path + " is not open");
    }
    var params = new JsonObject();
    params.add("textDocument", identifier(buffer.uri()));
    rpc.notify("textDocument/didClose", params);
  }

  public synchronized Buffer buffer(String path) {
    var buffer = buffers.get(path);
    if (buffer == null) {
      throw new IllegalStateException(path + " is not open");
    }
    return buffer;
  }

  public String text(String path) {
    return buffer(path).text();
  }

  /** The position of the first occurrence of {@code needle} in the buffer. */
  public Pos positionOf(String path, String needle) {
    return Pos.of(text(path), needle);
  }

  /** Sends a request and waits for its result (JSON null included); {@link LspError} on an error response. */
  public JsonElement call(String method, JsonElement params) throws InterruptedException {
    try {
      return rpc.request(method, params).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(method, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no answer to " + method + " within " + config.timeout() + "\n" + log.listing() + "\nserver stderr:\n" + server.stderrTail());
    }
  }

  /** Sends a notification. */
  public void notify(String method, JsonElement params) {
    rpc.notify(method, params);
  }

  /** {@code textDocument/*} request at a position of a buffer. */
  public JsonElement atPosition(String method, String path, Pos pos) throws InterruptedException {
    return call(method, positionParams(path, pos));
  }

  public JsonObject positionParams(String path, Pos pos) {
    var params = new JsonObject();
    params.add("textDocument", identifier(buffer(path).uri()));
    params.add("position", pos.toJson());
    return params;
  }

  /** Renames the symbol at {@code pos} and applies the returned edit like an editor does. */
  public JsonObject rename(String path, Pos pos, String newName) throws InterruptedException {
    var params = positionParams(path, pos);
    params.addProperty("newName", newName);
    var edit = call("textDocument/rename", params).getAsJsonObject();
    applyWorkspaceEdit(edit).ifPresent(why -> {
      throw new AssertionError("rename edit not applicable: " + why + "\n" + edit);
    });
    return edit;
  }

  /** {@code workspace/executeCommand} with the given arguments. */
  public JsonElement executeCommand(String command, JsonElement... arguments) throws InterruptedException {
    var params = new JsonObject();
    params.addProperty("command", command);
    var args = new JsonArray();
    for (var a : arguments) {
      args.add(a);
    }
    params.add("arguments", args);
    return call("workspace/executeCommand", params);
  }

  /**
   * Applies a {@code WorkspaceEdit} to the buffers (opening files it touches) and sends each
   * change; returns why it could not, or empty when applied.
   */
  public synchronized Optional<String> applyWorkspaceEdit(JsonObject workspaceEdit) {
    try {
      for (var doc : DocumentEdit.parse(workspaceEdit)) {
        var path = relativePath(doc.uri());
        if (!buffers.containsKey(path)) {
          open(path);
        }
        var buffer = buffer(path);
        if (doc.version().isPresent() && doc.version().getAsInt() != buffer.version()) {
          return Optional.of(path + " is at version " + buffer.version() + ", edit is for " + doc.version().getAsInt());
        }
        replaceText(path, TextEdits.apply(buffer.text(), doc.edits()));
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Sends {@code shutdown} then {@code exit}, closes the output, and returns the server's exit code. */
  public OptionalInt shutdown() throws InterruptedException, IOException {
    call("shutdown", JsonNull.INSTANCE);
    rpc.notify("exit", JsonNull.INSTANCE);
    rpc.close();
    return server.awaitExit(config.timeout());
  }

  public String serverStderr() {
    return server.stderrTail();
  }

  @Override
  public void close() {
    server.close();
  }

  private void change(String path, Buffer next, JsonObject change) {
    buffers.put(path, next);
    var doc = identifier(next.uri());
    doc.addProperty("version", next.version());
    var changes = new JsonArray();
    changes.add(change);
    var params = new JsonObject();
    params.add("textDocument", doc);
    params.add("contentChanges", changes);
    rpc.notify("textDocument/didChange", params);
  }

  private String relativePath(String uri) {
    var p = Path.of(URI.create(uri));
    if (!p.startsWith(sandbox.root())) {
      throw new IllegalArgumentException(uri + " is outside the sandbox");
    }
    return sandbox.root().relativize(p).toString();
  }

  private static JsonObject identifier(String uri) {
    var id = new JsonObject();
    id.addProperty("uri", uri);
    return id;
  }

  private static String languageOf(String path) {
    if (path.endsWith(".go")) {
      return "go";
    }
    return path.endsWith("go.mod") ? "go.mod" : "plaintext";
  }
}
