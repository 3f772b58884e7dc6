package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeMap;

/**
 * What makes two capability registrations the same for the editor: the method and the register
 * options compared as JSON values, not text — member order, number spelling ({@code 7} and
 * {@code 7.0}) and the order of lists LSP treats as sets ({@code watchers},
 * {@code documentSelector}) do not count. Pure.
 */
record RegistrationKey(String method, String options) {
  /** Lists whose order carries no meaning: a registration applies to any of their items. */
  private static final Set<String> UNORDERED = Set.of("watchers", "documentSelector");

  static RegistrationKey of(String method, JsonElement registerOptions) {
    return new RegistrationKey(method, String.valueOf(canonical(registerOptions, false)));
  }

  private static JsonElement canonical(JsonElement e, boolean unordered) {
    if (e == null || e.isJsonNull()) {
      return e;
    }
    if (e.isJsonObject()) {
      var sorted = new TreeMap<String, JsonElement>();
      e.getAsJsonObject().entrySet().forEach(m -> sorted.put(m.getKey(), canonical(m.getValue(), UNORDERED.contains(m.getKey()))));
      var out = new JsonObject();
      sorted.forEach(out::add);
      return out;
    }
    if (e.isJsonArray()) {
      var items = e.getAsJsonArray().asList().stream().map(i -> canonical(i, false));
      if (unordered) {
        items = items.sorted(Comparator.comparing(JsonElement::toString));
      }
      var out = new JsonArray();
      items.forEach(out::add);
      return out;
    }
    var p = e.getAsJsonPrimitive();
    if (p.isNumber()) {
      try {
        return new JsonPrimitive(new BigDecimal(p.getAsNumber().toString()).stripTrailingZeros());
      } catch (NumberFormatException notDecimal) {
        return p;
      }
    }
    return p;
  }
}
