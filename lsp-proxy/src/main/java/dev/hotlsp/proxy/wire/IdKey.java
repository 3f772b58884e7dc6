package dev.hotlsp.proxy.wire;

import com.google.gson.JsonElement;

/**
 * A request id as a map key: numbers and strings never collide ({@code 1} is not {@code "1"}),
 * and numbers compare by their exact text.
 */
public record IdKey(boolean numeric, String text) {
  public static IdKey of(JsonElement id) {
    if (id == null || !id.isJsonPrimitive()) {
      throw new IllegalArgumentException("not a request id: " + id);
    }
    var p = id.getAsJsonPrimitive();
    return p.isNumber() ? new IdKey(true, p.getAsNumber().toString()) : new IdKey(false, p.getAsString());
  }

  // written out rather than the record's generated ones, which C1 (the JVM runs C1 only) leaves
  // as method-handle calls: two map lookups per message use them
  @Override
  public boolean equals(Object o) {
    return o instanceof IdKey k && numeric == k.numeric && text.equals(k.text);
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + (numeric ? 1 : 0);
  }

  @Override
  public String toString() {
    return numeric ? text : '"' + text + '"';
  }
}
