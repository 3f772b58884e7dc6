package dev.hotlsp.proxy.harness;

import com.google.gson.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Applies LSP text edits (ranges in UTF-16 code units, all relative to the original text). Pure. */
public final class TextEdits {
  private TextEdits() {}

  /** The offset in {@code text} of {@code pos}; Java strings count UTF-16 units, as LSP does. */
  public static int offset(String text, Pos pos) {
    int lineStart = 0;
    for (int line = 0; line < pos.line(); line++) {
      int newline = text.indexOf('\n', lineStart);
      if (newline < 0) {
        throw new IllegalArgumentException("line " + pos.line() + " beyond end of text");
      }
      lineStart = newline + 1;
    }
    int lineEnd = text.indexOf('\n', lineStart);
    int end = lineEnd < 0 ? text.length() : lineEnd;
    if (lineStart + pos.character() > end) {
      throw new IllegalArgumentException("character " + pos + " beyond end of line");
    }
    return lineStart + pos.character();
  }

  /** Replaces the range {@code [start, end)} with {@code newText}. */
  public static String replace(String text, Pos start, Pos end, String newText) {
    int from = offset(text, start);
    int to = offset(text, end);
    if (to < from) {
      throw new IllegalArgumentException("range end " + end + " before start " + start);
    }
    return text.substring(0, from) + newText + text.substring(to);
  }

  /** Applies LSP {@code TextEdit}s, later edits first so earlier offsets stay valid. */
  public static String apply(String text, List<JsonObject> edits) {
    var order =
        IntStream.range(0, edits.size())
            .boxed()
            .sorted(
                Comparator.comparingInt((Integer i) -> offset(text, start(edits.get(i))))
                    .thenComparingInt(i -> i)
                    .reversed())
            .toList();
    String out = text;
    for (int i : order) {
      var e = edits.get(i);
      out = replace(out, start(e), end(e), e.get("newText").getAsString());
    }
    return out;
  }

  private static Pos start(JsonObject edit) {
    return Pos.fromJson(edit.getAsJsonObject("range").getAsJsonObject("start"));
  }

  private static Pos end(JsonObject edit) {
    return Pos.fromJson(edit.getAsJsonObject("range").getAsJsonObject("end"));
  }
}
