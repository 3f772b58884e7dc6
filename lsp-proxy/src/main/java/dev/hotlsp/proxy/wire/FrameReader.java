package dev.hotlsp.proxy.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code Content-Length}-framed messages from one stream (LSP base protocol). Bad framing
 * never ends the stream: a header block without a usable Content-Length is reported and skipped,
 * junk before a header is skipped up to the next header, and a message over the size limit is
 * read past (its id and method are still scanned, so the sender can get an error). Not
 * thread-safe: one reader thread per stream.
 */
public final class FrameReader {
  /** The largest size limit a reader accepts: a body is read into one array, and the heap is 2 GiB. */
  public static final long MAX_LIMIT = 1L << 30;

  /**
   * The largest number a Content-Length may hold, 2^53 − 1 (8 PiB): the largest integer every
   * JSON-RPC peer reads exactly (a JavaScript peer's number), and more than any peer can hold as one
   * message. A larger number is not a size but a bad header: reading past it would swallow every
   * later message of the session.
   */
  public static final long MAX_CONTENT_LENGTH = (1L << 53) - 1;

  private static final int MAX_HEADER_LINE = 8 * 1024;
  private static final int MAX_DIGITS = 16; // MAX_CONTENT_LENGTH's digits; any 16-digit number fits a long

  private final CountingStream in;
  private final long maxBodyBytes;

  /** @param maxBodyBytes larger bodies are read past, not kept; at most {@link #MAX_LIMIT} */
  public FrameReader(InputStream in, long maxBodyBytes) {
    if (maxBodyBytes < 0 || maxBodyBytes > MAX_LIMIT) {
      throw new IllegalArgumentException("the message size limit must be between 0 and " + MAX_LIMIT);
    }
    this.in = new CountingStream(new BufferedInputStream(in, 64 * 1024));
    this.maxBodyBytes = maxBodyBytes;
  }

  /** How many bytes of the stream the results so far took (what a problem skipped is the difference). */
  public long position() {
    return in.count;
  }

  /** Blocks for the next frame, problem, or the end of the stream. */
  public ReadResult next() throws IOException {
    var header = new ByteArrayOutputStream(64);
    long length = -1;
    String problem = null;
    boolean sawHeader = false;
    boolean resynchronised = false;
    while (true) {
      String line = readLine(header);
      if (line == null) {
        return header.size() == 0
            ? new ReadResult.End()
            : new ReadResult.Problem("stream ended inside a header block", Optional.empty());
      }
      if (line.isEmpty()) {
        if (!sawHeader) {
          header.reset(); // stray blank line between messages
          continue;
        }
        break;
      }
      int embedded = line.toLowerCase(Locale.ROOT).indexOf("content-length:");
      if (embedded > 0) {
        line = line.substring(embedded); // junk glued to the front of a header: resynchronise
        resynchronised = true;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return new ReadResult.Problem(
            "skipped a line that is not a header: " + abbreviate(line), Optional.empty());
      }
      sawHeader = true;
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (name.equals("content-length")) {
        length = parseLength(line.substring(colon + 1));
        if (length < 0) {
          problem = "bad Content-Length (digits, at most " + MAX_CONTENT_LENGTH + "): " + abbreviate(line);
        }
      }
    }
    if (problem == null && length < 0) {
      problem = "header block without Content-Length";
    }
    if (problem != null) {
      return new ReadResult.Problem(problem, Optional.empty());
    }
    if (length > maxBodyBytes) {
      return discard(length);
    }
    byte[] body = new byte[(int) length]; // one allocation of the exact size: large bodies make no extra garbage
    int read = in.readNBytes(body, 0, body.length);
    if (read < length) {
      return new ReadResult.Problem(
          "stream ended after " + read + " of " + length + " body bytes", Optional.empty());
    }
    return new ReadResult.Message(resynchronised ? Frame.of(body) : new Frame(header.toByteArray(), body));
  }

  /**
   * The value of a Content-Length header: ASCII digits with optional spaces or tabs around them, at
   * most {@link #MAX_CONTENT_LENGTH}; -1 for anything else (a sign, an empty value, other characters,
   * a larger number).
   */
  static long parseLength(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    if (start == end) {
      return -1;
    }
    long n = 0;
    int digits = 0;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (digits > 0 || c != '0') {
        digits++;
      }
      if (digits > MAX_DIGITS) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n > MAX_CONTENT_LENGTH ? -1 : n;
  }

  private ReadResult discard(long length) throws IOException {
    var bounded = new BoundedStream(in, length);
    Optional<Envelope> envelope;
    try {
      envelope = Optional.of(Envelope.scan(bounded));
    } catch (MalformedMessageException e) {
      envelope = Optional.empty();
    }
    bounded.skipRest();
    String what = "message of " + length + " bytes exceeds the limit of " + maxBodyBytes + " bytes";
    if (bounded.remaining() > 0) {
      return new ReadResult.Problem("stream ended inside a " + what, envelope);
    }
    return new ReadResult.Problem(what, envelope);
  }

  /** Reads one header line (CRLF or LF ended) into {@code raw}; null at end of stream. */
  private String readLine(ByteArrayOutputStream raw) throws IOException {
    var line = new StringBuilder();
    int start = raw.size();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return raw.size() == start && line.isEmpty() ? null : line.toString();
      }
      raw.write(b);
      if (b == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return line.toString();
      }
      line.append((char) b);
      if (line.length() >= MAX_HEADER_LINE) {
        return line.toString(); // an over-long line is junk; stop buffering it
      }
    }
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
  }

  /** Counts down from a length; never reads past it. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    long remaining() {
      return remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      } else {
        remaining = Math.max(remaining, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    void skipRest() throws IOException {
      byte[] buf = new byte[64 * 1024];
      while (remaining > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
        if (n < 0) {
          return;
        }
        remaining -= n;
      }
    }
  }

  /** Counts the bytes read through it. */
  private static final class CountingStream extends java.io.FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
