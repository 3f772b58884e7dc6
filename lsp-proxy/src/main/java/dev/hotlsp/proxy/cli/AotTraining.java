package dev.hotlsp.proxy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The training run of the JVM's ahead-of-time cache ({@code ./dev build}, JDK 25+): what HotLSP
 * loads at start, exercised once in one JVM — {@code hotlsp web} on DIR with one page request and
 * one WebSocket session up to gopls's initialize answer, then either a headless {@code check} of DIR
 * ({@code AotTraining DIR}) or {@code serve} on this process's stdin and stdout, driven by a script
 * until the editor's {@code exit} ({@code AotTraining DIR serve}) — so {@code web} starts from the
 * cache too. Not a user command.
 */
public final class AotTraining {
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]+)");

  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    var dir = args[0];
    try {
      web(dir);
    } catch (IOException e) {
      System.err.println("AOT training: hotlsp web's page failed: " + e.getMessage());
    }
    if (args.length > 1 && args[1].equals("serve")) {
      var stdout = new java.io.FileOutputStream(java.io.FileDescriptor.out);
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      System.exit(new Main(System.in, stdout, System.err, System.getenv()).run("serve"));
    }
    new Main(System.in, OutputStream.nullOutputStream(), System.err, System.getenv()).run("check", dir);
    System.exit(0);
  }

  /** Starts {@code hotlsp web} on {@code dir} and has it serve the page once and one session up to initialize. */
  private static void web(String dir) throws IOException {
    var err = new ByteArrayOutputStream();
    var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Thread.ofPlatform().daemon().name("training-web").start(() ->
        new Main(System.in, OutputStream.nullOutputStream(), errStream, System.getenv())
            .run("web", dir, "--listen", "127.0.0.1:0"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    java.util.regex.Matcher m;
    while (!(m = URL.matcher(err.toString(StandardCharsets.UTF_8))).find()) {
      if (System.nanoTime() > deadline) {
        System.err.println("AOT training: hotlsp web did not start: " + err);
        return;
      }
      LockSupport.parkNanos(10_000_000);
    }
    int port = Integer.parseInt(m.group(1));
    String host = "127.0.0.1:" + port;
    try (var page = new Socket("127.0.0.1", port)) {
      page.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      page.getInputStream().readAllBytes();
    }
    try (var ws = new Socket("127.0.0.1", port)) {
      ws.setSoTimeout(60_000);
      ws.getOutputStream().write(("GET /lsp?token=" + m.group(2) + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://"
          + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      var initialize = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
          + "\"rootUri\":null,\"capabilities\":{}}}").getBytes(StandardCharsets.UTF_8);
      ws.getOutputStream().write(maskedText(initialize));
      var in = ws.getInputStream();
      var seen = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) { // the upgrade's answer, then the initialize answer's text frame
        seen.write(b);
        if (seen.toString(StandardCharsets.ISO_8859_1).contains("\"capabilities\"")) {
          break;
        }
      }
    } catch (IOException e) {
      System.err.println("AOT training: the WebSocket session failed: " + e.getMessage());
    }
  }

  /** One masked text frame (a client's frames are masked; the mask here is zero). */
  private static byte[] maskedText(byte[] payload) {
    var out = new ByteArrayOutputStream();
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    }
    out.writeBytes(new byte[4]);
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
