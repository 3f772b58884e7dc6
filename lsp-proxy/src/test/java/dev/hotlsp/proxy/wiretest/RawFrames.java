package dev.hotlsp.proxy.wiretest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-side framing, written independently of the proxy's: reads Content-Length frames from a
 * stream on its own thread and queues each frame's exact bytes (header and body).
 */
final class RawFrames {
  private static final byte[] END = new byte[0];
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final Object gate = new Object();
  private boolean paused;

  RawFrames(InputStream in, String name) {
    Thread.ofPlatform().daemon().name("raw-frames-" + name).start(() -> {
      try {
        while (true) {
          awaitResumed();
          var raw = new ByteArrayOutputStream();
          int length = -1;
          var line = new StringBuilder();
          while (true) {
            int b = in.read();
            if (b < 0) {
              frames.add(END);
              return;
            }
            raw.write(b);
            if (b == '\n') {
              String l = line.toString().strip();
              if (l.isEmpty()) {
                break;
              }
              if (l.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(15).trim());
              }
              line.setLength(0);
            } else {
              line.append((char) b);
            }
          }
          raw.write(in.readNBytes(length));
          frames.add(raw.toByteArray());
        }
      } catch (IOException e) {
        frames.add(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Stops reading from the stream after the frame being read (a peer that stops reading). */
  void pause() {
    synchronized (gate) {
      paused = true;
    }
  }

  private void awaitResumed() throws InterruptedException {
    synchronized (gate) {
      while (paused) {
        gate.wait();
      }
    }
  }

  /** The next frame's exact bytes; fails after {@code timeout}, or if the stream ended. */
  byte[] next(Duration timeout) throws InterruptedException {
    var f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("no frame within " + timeout);
    }
    if (f == END) {
      frames.add(END);
      throw new AssertionError("the stream ended");
    }
    return f;
  }

  byte[] next() throws InterruptedException {
    return next(Duration.ofSeconds(10));
  }

  /** The next frame's body as text. */
  String nextBody() throws InterruptedException {
    return body(next());
  }

  /** The next frame's body as a JSON object. */
  com.google.gson.JsonObject nextJson() throws InterruptedException {
    return com.google.gson.JsonParser.parseString(nextBody()).getAsJsonObject();
  }

  /** True once the stream has ended (waits up to {@code timeout}), skipping any frames before. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var f = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (f == null) {
        return false;
      }
      if (f == END) {
        frames.add(END);
        return true;
      }
    }
  }

  static String body(byte[] frame) {
    var text = new String(frame, StandardCharsets.UTF_8);
    return text.substring(text.indexOf("\r\n\r\n") + 4);
  }

  static byte[] frame(String body) {
    var b = body.getBytes(StandardCharsets.UTF_8);
    var header = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    var out = new byte[header.length + b.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(b, 0, out, header.length, b.length);
    return out;
  }
}
