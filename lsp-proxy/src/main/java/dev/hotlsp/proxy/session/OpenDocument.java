package dev.hotlsp.proxy.session;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * An open document as the editor last described it: its URI exactly as sent, language id, version
 * and full current text.
 */
public record OpenDocument(String uri, String languageId, int version, String text) {
  public OpenDocument {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(languageId, "languageId");
    Objects.requireNonNull(text, "text");
  }

  /** The {@code textDocument/didOpen} params that open this document with its current text. */
  public JsonObject toDidOpenParams() {
    JsonObject item = new JsonObject();
    item.addProperty("uri", uri);
    item.addProperty("languageId", languageId);
    item.addProperty("version", version);
    item.addProperty("text", text);
    JsonObject params = new JsonObject();
    params.add("textDocument", item);
    return params;
  }
}
