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

  @Override
  public String toString() {
    return numeric ? text : '"' + text + '"';
  }
}
