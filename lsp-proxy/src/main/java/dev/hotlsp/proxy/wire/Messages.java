package dev.hotlsp.proxy.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Builds and rewrites JSON-RPC message bodies. Pure functions; {@code null} members survive a
 * rewrite, and numeric ids keep their exact text.
 */
public final class Messages {
  /** JSON-RPC: invalid JSON was received. */
  public static final int PARSE_ERROR = ResponseErrorCode.ParseError.getValue();
  /** JSON-RPC: the JSON sent is not a valid request object. */
  public static final int INVALID_REQUEST = ResponseErrorCode.InvalidRequest.getValue();
  /** JSON-RPC: the method does not exist. */
  public static final int METHOD_NOT_FOUND = ResponseErrorCode.MethodNotFound.getValue();
  /** JSON-RPC: invalid method parameters. */
  public static final int INVALID_PARAMS = ResponseErrorCode.InvalidParams.getValue();
  /** JSON-RPC: internal error. */
  public static final int INTERNAL_ERROR = ResponseErrorCode.InternalError.getValue();
  /** LSP: the document changed (or the server restarted) while the request ran. */
  public static final int CONTENT_MODIFIED = ResponseErrorCode.ContentModified.getValue();
  /** LSP: the request failed (here: gopls is not running). */
  public static final int REQUEST_FAILED = ResponseErrorCode.RequestFailed.getValue();

  private Messages() {}

  public static JsonObject parse(Frame frame) {
    try {
      return JsonParser.parseString(frame.bodyText()).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }

  public static Frame frame(JsonObject message) {
    return Frame.of(message.toString());
  }

  public static JsonObject request(JsonElement id, String method, JsonElement params) {
    var m = base();
    m.add("id", id);
    m.addProperty("method", method);
    if (params != null) {
      m.add("params", params);
    }
    return m;
  }

  public static JsonObject notification(String method, JsonElement params) {
    var m = base();
    m.addProperty("method", method);
    if (params != null) {
      m.add("params", params);
    }
    return m;
  }

  public static JsonObject result(JsonElement id, JsonElement result) {
    var m = base();
    m.add("id", id);
    m.add("result", result == null ? JsonNull.INSTANCE : result);
    return m;
  }

  public static JsonObject error(JsonElement id, int code, String message) {
    var m = base();
    m.add("id", id == null ? JsonNull.INSTANCE : id);
    var e = new JsonObject();
    e.addProperty("code", code);
    e.addProperty("message", message);
    m.add("error", e);
    return m;
  }

  /** The same message with another id; the original frame when the id is unchanged. */
  public static Frame withId(Frame frame, JsonElement originalId, JsonElement newId) {
    if (newId.equals(originalId)) {
      return frame;
    }
    var m = parse(frame);
    m.add("id", newId);
    return frame(m);
  }

  private static JsonObject base() {
    var m = new JsonObject();
    m.addProperty("jsonrpc", "2.0");
    return m;
  }
}
