package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The text edits a {@code WorkspaceEdit} makes to one document, with the document version they
 * were computed against when the server said so.
 */
public record DocumentEdit(String uri, OptionalInt version, List<JsonObject> edits) {
  public DocumentEdit {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(version, "version");
    edits = List.copyOf(edits);
  }

  /**
   * Splits an LSP {@code WorkspaceEdit} ({@code documentChanges} or {@code changes}) into
   * per-document edits.
   *
   * @throws IllegalArgumentException for file create/rename/delete operations, which the fake
   *     editor does not support
   */
  public static List<DocumentEdit> parse(JsonObject workspaceEdit) {
    var out = new ArrayList<DocumentEdit>();
    if (workspaceEdit.has("documentChanges")) {
      for (JsonElement change : workspaceEdit.getAsJsonArray("documentChanges")) {
        var c = change.getAsJsonObject();
        if (c.has("kind")) {
          throw new IllegalArgumentException("unsupported resource operation " + c.get("kind"));
        }
        var doc = c.getAsJsonObject("textDocument");
        var version = doc.has("version") && !doc.get("version").isJsonNull()
            ? OptionalInt.of(doc.get("version").getAsInt())
            : OptionalInt.empty();
        out.add(new DocumentEdit(doc.get("uri").getAsString(), version, objects(c.get("edits"))));
      }
    } else if (workspaceEdit.has("changes")) {
      for (Map.Entry<String, JsonElement> e : workspaceEdit.getAsJsonObject("changes").entrySet()) {
        out.add(new DocumentEdit(e.getKey(), OptionalInt.empty(), objects(e.getValue())));
      }
    }
    return out;
  }

  private static List<JsonObject> objects(JsonElement array) {
    var list = new ArrayList<JsonObject>();
    array.getAsJsonArray().forEach(e -> list.add(e.getAsJsonObject()));
    return list;
  }
}
