package dev.hotlsp.proxy.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/** Typed reads of LSP params members that fail with the member's JSON path. */
final class JsonParams {
  private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);

  private JsonParams() {}

  static JsonObject object(JsonObject parent, String member, String path)
      throws MalformedParamsException {
    JsonElement e = parent.get(member);
    if (e == null || !e.isJsonObject()) {
      throw new MalformedParamsException(path + member, "expected an object");
    }
    return e.getAsJsonObject();
  }

  static String string(JsonObject parent, String member, String path)
      throws MalformedParamsException {
    JsonElement e = parent.get(member);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new MalformedParamsException(path + member, "expected a string");
    }
    return e.getAsString();
  }

  /**
   * A non-negative integer; values above {@link Integer#MAX_VALUE} saturate (positions clamp
   * anyway).
   */
  static int uinteger(JsonObject parent, String member, String path)
      throws MalformedParamsException {
    JsonElement e = parent.get(member);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new MalformedParamsException(path + member, "expected a non-negative integer");
    }
    BigDecimal value = toBigDecimal(e.getAsJsonPrimitive());
    if (value == null || value.signum() < 0) {
      throw new MalformedParamsException(path + member, "expected a non-negative integer");
    }
    return value.compareTo(MAX_INT) > 0 ? Integer.MAX_VALUE : value.intValueExact();
  }

  /** A signed 32-bit integer. */
  static int integer(JsonObject parent, String member, String path)
      throws MalformedParamsException {
    JsonElement e = parent.get(member);
    BigDecimal value =
        e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()
            ? toBigDecimal(e.getAsJsonPrimitive())
            : null;
    if (value == null
        || value.compareTo(MAX_INT) > 0
        || value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
      throw new MalformedParamsException(path + member, "expected a 32-bit integer");
    }
    return value.intValueExact();
  }

  private static BigDecimal toBigDecimal(JsonPrimitive number) {
    try {
      BigDecimal value = number.getAsBigDecimal().stripTrailingZeros();
      return value.scale() > 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
