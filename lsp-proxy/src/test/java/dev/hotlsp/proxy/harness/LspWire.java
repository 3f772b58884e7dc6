package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * LSP base-protocol framing ({@code Content-Length} in bytes of UTF-8) for the tests, written
 * apart from the proxy's own framing so that each checks the other.
 */
public final class LspWire {
  private LspWire() {}

  /** Writes one framed message and flushes; callers serialise concurrent writers. */
  public static void write(OutputStream out, String json) throws IOException {
    byte[] body = json.getBytes(UTF_8);
    out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(US_ASCII));
    out.write(body);
    out.flush();
  }

  /**
   * Reads the next message body; empty at a clean end of stream (before any header byte).
   *
   * @throws IOException on a malformed header or a stream that ends inside a message
   */
  public static Optional<String> read(InputStream in) throws IOException {
    int length = -1;
    boolean first = true;
    while (true) {
      String line = readLine(in, first);
      if (line == null) {
        return Optional.empty();
      }
      first = false;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IOException("malformed header line: " + line);
      }
      if (line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException("message without Content-Length");
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("stream ended after " + body.length + " of " + length + " body bytes");
    }
    return Optional.of(new String(body, UTF_8));
  }

  private static String readLine(InputStream in, boolean mayEnd) throws IOException {
    var line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (mayEnd && line.size() == 0) {
          return null;
        }
        throw new EOFException("stream ended inside a header");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, US_ASCII);
      }
      line.write(b);
      previous = b;
    }
  }
}
