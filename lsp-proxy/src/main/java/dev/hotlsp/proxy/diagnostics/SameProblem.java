package dev.hotlsp.proxy.diagnostics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether two diagnostics of one file report the same problem: the same start line and the same
 * message after normalisation (case, runs of white space, a trailing period). Ranges are not
 * compared further, because gopls reports a full range where {@code go build} reports a point.
 * Pure.
 */
public final class SameProblem {
  private SameProblem() {}

  public static boolean test(JsonElement a, JsonElement b) {
    var lineA = startLine(a);
    return lineA.isPresent() && lineA.equals(startLine(b)) && normalised(a).equals(normalised(b));
  }

  static String normalise(String message) {
    var text = message.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String normalised(JsonElement d) {
    var message = member(d, "message");
    return message != null && message.isJsonPrimitive() ? normalise(message.getAsString()) : "";
  }

  private static Optional<Integer> startLine(JsonElement d) {
    var range = member(d, "range");
    var start = range != null && range.isJsonObject() ? range.getAsJsonObject().get("start") : null;
    var line = start != null && start.isJsonObject() ? start.getAsJsonObject().get("line") : null;
    if (line == null || !line.isJsonPrimitive() || !line.getAsJsonPrimitive().isNumber()) {
      return Optional.empty();
    }
    return Optional.of(line.getAsInt());
  }

  private static JsonElement member(JsonElement d, String name) {
    return d != null && d.isJsonObject() ? ((JsonObject) d).get(name) : null;
  }
}
