package dev.hotlsp.proxy.harness;

import com.google.gson.JsonObject;

/** An LSP position: 0-based line and 0-based character in UTF-16 code units. */
public record Pos(int line, int character) {
  public Pos {
    if (line < 0 || character < 0) {
      throw new IllegalArgumentException("negative position " + line + ":" + character);
    }
  }

  public static Pos fromJson(JsonObject json) {
    return new Pos(json.get("line").getAsInt(), json.get("character").getAsInt());
  }

  public JsonObject toJson() {
    var json = new JsonObject();
    json.addProperty("line", line);
    json.addProperty("character", character);
    return json;
  }

  /** This position moved by {@code lines} and {@code characters}. */
  public Pos plus(int lines, int characters) {
    return new Pos(line + lines, character + characters);
  }

  /** The position of the first occurrence of {@code needle} in {@code text}. */
  public static Pos of(String text, String needle) {
    int at = text.indexOf(needle);
    if (at < 0) {
      throw new IllegalArgumentException("\"" + needle + "\" not in text");
    }
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Pos(line, at - lineStart);
  }
}
