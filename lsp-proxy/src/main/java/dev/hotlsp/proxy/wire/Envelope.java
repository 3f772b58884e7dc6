package dev.hotlsp.proxy.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * The routing facts of a JSON-RPC message, read in one streaming pass without building the
 * params or result: its kind, method and id. Numeric ids keep their exact text (also above
 * 2^63); {@code "id": null} is kept as {@link JsonNull}.
 */
public record Envelope(Kind kind, String method, JsonElement id) {
  private static final int DECODE_AT_ONCE_MAX = 64 * 1024;

  /** The four shapes of a JSON-RPC 2.0 message. */
  public enum Kind {
    REQUEST,
    NOTIFICATION,
    RESPONSE,
    /** A response whose {@code error} is set. */
    ERROR_RESPONSE
  }

  public boolean isRequest() {
    return kind == Kind.REQUEST;
  }

  public boolean isNotification() {
    return kind == Kind.NOTIFICATION;
  }

  public boolean isResponse() {
    return kind == Kind.RESPONSE || kind == Kind.ERROR_RESPONSE;
  }

  /** Scans a whole message body, validating that it is one JSON object. */
  public static Envelope scan(byte[] body) throws MalformedMessageException {
    // a small body is decoded at once (one intrinsic for ASCII) rather than through a stream
    // decoder and its buffers, on every message of the request path
    return body.length <= DECODE_AT_ONCE_MAX
        ? scan(new StringReader(new String(body, StandardCharsets.UTF_8)))
        : scan(new ByteArrayInputStream(body));
  }

  /** Scans a whole message body from {@code in}, validating that it is one JSON object. */
  public static Envelope scan(InputStream in) throws MalformedMessageException {
    return scan(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static Envelope scan(Reader in) throws MalformedMessageException {
    try (var reader = new JsonReader(in)) {
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new MalformedMessageException("a JSON-RPC message must be a JSON object");
      }
      reader.beginObject();
      String method = null;
      JsonElement id = null;
      boolean result = false;
      boolean error = false;
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "method" -> {
            if (reader.peek() != JsonToken.STRING) {
              throw new MalformedMessageException("\"method\" must be a string");
            }
            method = reader.nextString();
          }
          case "id" -> id = readId(reader);
          case "result" -> {
            result = true;
            reader.skipValue();
          }
          case "error" -> {
            error = reader.peek() != JsonToken.NULL;
            reader.skipValue();
          }
          default -> reader.skipValue();
        }
      }
      reader.endObject();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedMessageException("trailing data after the JSON object");
      }
      return classify(method, id, result, error);
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new MalformedMessageException("invalid JSON: " + e.getMessage());
    }
  }

  private static Envelope classify(String method, JsonElement id, boolean result, boolean error)
      throws MalformedMessageException {
    if (method != null) {
      if (id == null) {
        return new Envelope(Kind.NOTIFICATION, method, null);
      }
      if (id.isJsonNull()) {
        throw new MalformedMessageException("a request id must not be null");
      }
      return new Envelope(Kind.REQUEST, method, id);
    }
    if (id == null) {
      throw new MalformedMessageException("neither \"method\" nor \"id\"");
    }
    if (error) {
      return new Envelope(Kind.ERROR_RESPONSE, null, id);
    }
    if (!result) {
      throw new MalformedMessageException("a response needs \"result\" or \"error\"");
    }
    return new Envelope(Kind.RESPONSE, null, id);
  }

  private static JsonElement readId(JsonReader reader) throws IOException, MalformedMessageException {
    return switch (reader.peek()) {
      case NUMBER -> new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      case STRING -> new JsonPrimitive(reader.nextString());
      case NULL -> {
        reader.nextNull();
        yield JsonNull.INSTANCE;
      }
      default -> throw new MalformedMessageException("\"id\" must be a number, a string or null");
    };
  }
}
