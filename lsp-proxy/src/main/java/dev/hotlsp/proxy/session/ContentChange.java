package dev.hotlsp.proxy.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;

/** One entry of a {@code textDocument/didChange} {@code contentChanges} array. */
sealed interface ContentChange {
  /** Replaces the whole document. */
  record Full(String text) implements ContentChange {
    public Full {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Replaces the text between two positions; {@code start} is not after {@code end}. */
  record Incremental(Position start, Position end, String text) implements ContentChange {
    public Incremental {
      Objects.requireNonNull(text, "text");
      if (start.compareTo(end) > 0) {
        throw new IllegalArgumentException("range start " + start + " after end " + end);
      }
    }
  }

  /** Reads one change; {@code path} prefixes member names in error messages. */
  static ContentChange fromJson(JsonElement element, String path) throws MalformedParamsException {
    if (element == null || !element.isJsonObject()) {
      throw new MalformedParamsException(path, "expected an object");
    }
    JsonObject change = element.getAsJsonObject();
    String at = path + ".";
    String text = JsonParams.string(change, "text", at);
    JsonElement range = change.get("range");
    if (range == null || range.isJsonNull()) {
      return new Full(text);
    }
    JsonObject r = JsonParams.object(change, "range", at);
    Position start = Position.fromJson(r, "start", at + "range.");
    Position end = Position.fromJson(r, "end", at + "range.");
    if (start.compareTo(end) > 0) {
      throw new MalformedParamsException(at + "range", "start is after end");
    }
    return new Incremental(start, end, text);
  }
}
