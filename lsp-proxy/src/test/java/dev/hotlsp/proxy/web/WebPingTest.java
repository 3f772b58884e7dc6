package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The pings of {@code hotlsp web} ({@code --ping-interval}, short here), seen by a raw client that
 * controls its pongs: a client that answers stays, one that stops answering is dropped with its session.
 */
class WebPingTest {
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private static final int CLOSE = 0x8;

  @Test
  void aClientAnsweringPingsStaysAndOneThatStopsIsDropped() throws Exception {
    try (var web = new WebFixture("hello", "--ping-interval", "200ms");
        var socket = new Socket("127.0.0.1", web.server.port())) {
      socket.setSoTimeout(20_000);
      var out = socket.getOutputStream();
      out.write(("GET /lsp?token=" + web.server.token() + " HTTP/1.1\r\nHost: 127.0.0.1:" + web.server.port()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var in = new DataInputStream(socket.getInputStream());
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.readUnsignedByte());
      }
      assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
      WebFixture.await("a session", () -> web.server.liveSessions() == 1, web::stderr);
      // five pings answered (more than the three a silent client is allowed): still connected
      for (int pings = 0; pings < 5; ) {
        int opcode = readFrame(in);
        assertTrue(opcode != CLOSE, "closed though answering pings: " + web.stderr());
        if (opcode == PING) {
          pings++;
          pong(out);
        }
      }
      assertEquals(1, web.server.liveSessions());
      // no more answers: the server drops the connection after three pings, and the session with it
      int unanswered = 0;
      try {
        for (int opcode = readFrame(in); opcode != CLOSE && opcode != -1 && unanswered < 20; opcode = readFrame(in)) {
          if (opcode == PING) {
            unanswered++;
          }
        }
      } catch (SocketException e) {
        // a reset is a drop too
      }
      assertTrue(unanswered >= 1 && unanswered <= 5, "pings unanswered before the drop: " + unanswered);
      WebFixture.await("no session", () -> web.server.liveSessions() == 0, web::stderr);
    }
  }

  /** Reads one unmasked server frame, skipping its payload: its opcode, or -1 at the end of the stream. */
  private static int readFrame(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return -1;
    }
    long length = in.readUnsignedByte() & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    in.skipNBytes(length);
    return first & 0x0F;
  }

  /** An empty pong, masked as a client's frames must be. */
  private static void pong(OutputStream out) throws IOException {
    out.write(new byte[] {(byte) (0x80 | PONG), (byte) 0x80, 1, 2, 3, 4});
    out.flush();
  }
}
