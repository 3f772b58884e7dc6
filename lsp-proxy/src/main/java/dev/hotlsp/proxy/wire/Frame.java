package dev.hotlsp.proxy.wire;

import java.nio.charset.StandardCharsets;

/**
 * One framed JSON-RPC message: the header block exactly as it arrived (including the blank
 * line) and the body bytes. Forwarding a frame unchanged writes both back byte for byte.
 */
public record Frame(byte[] header, byte[] body) {
  public Frame {
    if (header == null || body == null) {
      throw new IllegalArgumentException("header and body are required");
    }
  }

  /** A frame for {@code body} with the canonical header {@code Content-Length: N\r\n\r\n}. */
  public static Frame of(byte[] body) {
    return new Frame(
        ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
  }

  public static Frame of(String json) {
    return of(json.getBytes(StandardCharsets.UTF_8));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
