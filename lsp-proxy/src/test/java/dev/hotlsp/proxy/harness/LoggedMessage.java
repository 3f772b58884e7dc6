package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One JSON-RPC message as the fake editor sent or received it; {@code seq} is its 0-based
 * position in the {@link MessageLog}.
 */
public record LoggedMessage(long seq, Instant at, Direction direction, JsonObject body) {
  private static final int SUMMARY_LIMIT = 240;

  public LoggedMessage {
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(body, "body");
  }

  /** The method, or the empty string for a response. */
  public String method() {
    return body.has("method") ? body.get("method").getAsString() : "";
  }

  public boolean isResponse() {
    return !body.has("method");
  }

  public boolean isRequest() {
    return body.has("method") && body.has("id");
  }

  public boolean isNotification(String wanted) {
    return !body.has("id") && method().equals(wanted);
  }

  /** The params object, or an empty object when absent or not an object. */
  public JsonObject params() {
    JsonElement p = body.get("params");
    return p != null && p.isJsonObject() ? p.getAsJsonObject() : new JsonObject();
  }

  /** One line for failure listings: sequence, direction, method or id, shortened body. */
  public String summary() {
    String text = body.toString();
    if (text.length() > SUMMARY_LIMIT) {
      text = text.substring(0, SUMMARY_LIMIT) + "...";
    }
    return "#" + seq + " " + direction.arrow() + " " + text;
  }
}
