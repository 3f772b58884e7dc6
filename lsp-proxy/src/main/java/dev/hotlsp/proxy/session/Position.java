package dev.hotlsp.proxy.session;

import com.google.gson.JsonObject;

/** An LSP position: 0-based line and 0-based character offset in UTF-16 code units. */
record Position(int line, int character) implements Comparable<Position> {
  Position {
    if (line < 0 || character < 0) {
      throw new IllegalArgumentException("negative position " + line + ":" + character);
    }
  }

  static Position fromJson(JsonObject parent, String member, String path)
      throws MalformedParamsException {
    JsonObject p = JsonParams.object(parent, member, path);
    String at = path + member + ".";
    return new Position(
        JsonParams.uinteger(p, "line", at), JsonParams.uinteger(p, "character", at));
  }

  @Override
  public int compareTo(Position other) {
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : Integer.compare(character, other.character);
  }
}
