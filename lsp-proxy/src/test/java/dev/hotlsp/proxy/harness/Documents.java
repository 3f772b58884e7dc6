package dev.hotlsp.proxy.harness;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fake editor's open buffers, by sandbox-relative path: each operation updates the buffer and
 * its version and sends the matching {@code textDocument/did*} notification. Thread-safe (one
 * operation at a time, so versions reach the server in order).
 */
public final class Documents {
  private final Sandbox sandbox;
  private final RpcOutbox outbox;
  private final Map<String, Buffer> buffers = new HashMap<>();

  public Documents(Sandbox sandbox, RpcOutbox outbox) {
    this.sandbox = sandbox;
    this.outbox = outbox;
  }

  /** Opens a sandbox file at version 1 and returns its URI. */
  public synchronized String open(String path) {
    var buffer = new Buffer(sandbox.uri(path), languageOf(path), 1, sandbox.read(path));
    buffers.put(path, buffer);
    var item = identifier(buffer.uri());
    item.addProperty("languageId", buffer.languageId());
    item.addProperty("version", buffer.version());
    item.addProperty("text", buffer.text());
    outbox.notify("textDocument/didOpen", textDocument(item));
    return buffer.uri();
  }

  /** Replaces {@code [start, end)} and sends it as an incremental change. */
  public synchronized void edit(String path, Pos start, Pos end, String newText) {
    var buffer = buffer(path);
    var range = new JsonObject();
    range.add("start", start.toJson());
    range.add("end", end.toJson());
    var change = new JsonObject();
    change.add("range", range);
    change.addProperty("text", newText);
    send(path, buffer.next(TextEdits.replace(buffer.text(), start, end, newText)), change);
  }

  /** Replaces the whole text and sends it as a full change. */
  public synchronized void replaceText(String path, String text) {
    var change = new JsonObject();
    change.addProperty("text", text);
    send(path, buffer(path).next(text), change);
  }

  /** Writes the buffer to disk and sends {@code didSave} with the text. */
  public synchronized void save(String path) throws IOException {
    var buffer = buffer(path);
    sandbox.write(path, buffer.text());
    var params = textDocument(identifier(buffer.uri()));
    params.addProperty("text", buffer.text());
    outbox.notify("textDocument/didSave", params);
  }

  public synchronized void close(String path) {
    var buffer = buffer(path);
    buffers.remove(path);
    outbox.notify("textDocument/didClose", textDocument(identifier(buffer.uri())));
  }

  /** The open buffer at {@code path}; {@link IllegalStateException} when it is not open. */
  public synchronized Buffer buffer(String path) {
    var buffer = buffers.get(path);
    if (buffer == null) {
      throw new IllegalStateException(path + " is not open");
    }
    return buffer;
  }

  /**
   * Applies a {@code WorkspaceEdit}, opening the files it touches, and sends each change; returns
   * why it could not (a version mismatch, a file operation), or empty when applied.
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

  private void send(String path, Buffer next, JsonObject change) {
    buffers.put(path, next);
    var doc = identifier(next.uri());
    doc.addProperty("version", next.version());
    var changes = new JsonArray();
    changes.add(change);
    var params = textDocument(doc);
    params.add("contentChanges", changes);
    outbox.notify("textDocument/didChange", params);
  }

  private String relativePath(String uri) {
    var p = Path.of(URI.create(uri));
    if (!p.startsWith(sandbox.root())) {
      throw new IllegalArgumentException(uri + " is outside the sandbox");
    }
    return sandbox.root().relativize(p).toString();
  }

  static JsonObject identifier(String uri) {
    var id = new JsonObject();
    id.addProperty("uri", uri);
    return id;
  }

  private static JsonObject textDocument(JsonObject document) {
    var params = new JsonObject();
    params.add("textDocument", document);
    return params;
  }

  private static String languageOf(String path) {
    if (path.endsWith(".go")) {
      return "go";
    }
    return path.endsWith("go.mod") ? "go.mod" : "plaintext";
  }
}
