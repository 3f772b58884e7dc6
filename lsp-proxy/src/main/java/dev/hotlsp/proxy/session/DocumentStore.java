package dev.hotlsp.proxy.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents the editor has open, kept current from the raw {@code textDocument/didOpen}, {@code
 * didChange} and {@code didClose} params; thread-safe.
 *
 * <p>Each method either applies a whole message or, when it throws {@link
 * MalformedParamsException}, leaves the store unchanged.
 */
public final class DocumentStore {
  private final Map<String, Tracked> open = new LinkedHashMap<>();

  private static final class Tracked {
    final String languageId;
    final TextBuffer buffer;
    int version;

    Tracked(String languageId, int version, String text) {
      this.languageId = languageId;
      this.version = version;
      this.buffer = new TextBuffer(text);
    }

    OpenDocument snapshot(String uri) {
      return new OpenDocument(uri, languageId, version, buffer.text());
    }
  }

  /**
   * Records an opened document. Returns false if the URI was already open: the new text replaces
   * the old one and the document moves to the end of the open order.
   */
  public synchronized boolean didOpen(JsonObject params) throws MalformedParamsException {
    JsonObject item = JsonParams.object(params, "textDocument", "");
    String uri = JsonParams.string(item, "uri", "textDocument.");
    String languageId = JsonParams.string(item, "languageId", "textDocument.");
    int version = JsonParams.integer(item, "version", "textDocument.");
    String text = JsonParams.string(item, "text", "textDocument.");
    boolean wasOpen = open.remove(uri) != null;
    open.put(uri, new Tracked(languageId, version, text));
    return !wasOpen;
  }

  /**
   * Applies {@code contentChanges} in order and takes the new version. Returns false, changing
   * nothing, if the URI is not open.
   */
  public synchronized boolean didChange(JsonObject params) throws MalformedParamsException {
    JsonObject id = JsonParams.object(params, "textDocument", "");
    String uri = JsonParams.string(id, "uri", "textDocument.");
    int version = JsonParams.integer(id, "version", "textDocument.");
    List<ContentChange> changes = contentChanges(params);
    Tracked doc = open.get(uri);
    if (doc == null) {
      return false;
    }
    doc.version = version;
    changes.forEach(doc.buffer::apply);
    return true;
  }

  /** Forgets a document. Returns false if the URI was not open. */
  public synchronized boolean didClose(JsonObject params) throws MalformedParamsException {
    JsonObject id = JsonParams.object(params, "textDocument", "");
    return open.remove(JsonParams.string(id, "uri", "textDocument.")) != null;
  }

  /** The open documents with their current text, in the order they were opened. */
  public synchronized List<OpenDocument> snapshot() {
    List<OpenDocument> documents = new ArrayList<>(open.size());
    open.forEach((uri, doc) -> documents.add(doc.snapshot(uri)));
    return List.copyOf(documents);
  }

  /** The document open under exactly this URI, if any. */
  public synchronized Optional<OpenDocument> get(String uri) {
    return Optional.ofNullable(open.get(uri)).map(doc -> doc.snapshot(uri));
  }

  private static List<ContentChange> contentChanges(JsonObject params)
      throws MalformedParamsException {
    JsonElement element = params.get("contentChanges");
    if (element == null || !element.isJsonArray()) {
      throw new MalformedParamsException("contentChanges", "expected an array");
    }
    JsonArray array = element.getAsJsonArray();
    List<ContentChange> changes = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      changes.add(ContentChange.fromJson(array.get(i), "contentChanges[" + i + "]"));
    }
    return changes;
  }
}
