package dev.hotlsp.proxy.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Builds editor notification params the way they appear on the wire, for tests. */
final class LspParams {
  private LspParams() {}

  /** Parses JSON leniently, so tests may write {@code 'single'} quotes. */
  static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  static JsonObject didOpen(String uri, String languageId, int version, String text) {
    JsonObject item = new JsonObject();
    item.addProperty("uri", uri);
    item.addProperty("languageId", languageId);
    item.addProperty("version", version);
    item.addProperty("text", text);
    JsonObject params = new JsonObject();
    params.add("textDocument", item);
    return params;
  }

  static JsonObject didChange(String uri, int version, JsonObject... changes) {
    JsonObject id = new JsonObject();
    id.addProperty("uri", uri);
    id.addProperty("version", version);
    JsonArray array = new JsonArray();
    for (JsonObject change : changes) {
      array.add(change);
    }
    JsonObject params = new JsonObject();
    params.add("textDocument", id);
    params.add("contentChanges", array);
    return params;
  }

  static JsonObject didClose(String uri) {
    JsonObject id = new JsonObject();
    id.addProperty("uri", uri);
    JsonObject params = new JsonObject();
    params.add("textDocument", id);
    return params;
  }

  static JsonObject full(String text) {
    JsonObject change = new JsonObject();
    change.addProperty("text", text);
    return change;
  }

  static JsonObject edit(int startLine, int startChar, int endLine, int endChar, String text) {
    JsonObject range = new JsonObject();
    range.add("start", position(startLine, startChar));
    range.add("end", position(endLine, endChar));
    JsonObject change = new JsonObject();
    change.add("range", range);
    change.addProperty("text", text);
    return change;
  }

  private static JsonObject position(int line, int character) {
    JsonObject p = new JsonObject();
    p.addProperty("line", line);
    p.addProperty("character", character);
    return p;
  }
}
