package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake as any web page could make it, on a raw socket: a wrong Origin, a wrong Host, no
 * token or a wrong one is refused with 403 before the upgrade; the right one is switched (101).
 * The static files: no path out of their directory; a missing directory says how to build it.
 */
class WebSecurityTest {
  private static WebFixture web;
  private static Path page;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    page = dir.resolve("dist");
    Files.createDirectories(page);
    Files.writeString(page.resolve("index.html"), "<!doctype html><title>HotLSP</title>");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    web = new WebFixture("hello", "--static", page.toString(), "--allow-origin", "https://docs.example.org");
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  private static String host() {
    return "127.0.0.1:" + web.server.port();
  }

  /** The status line and headers of a raw request. */
  private static String request(String target, Map<String, String> headers) throws IOException {
    try (var socket = new Socket("127.0.0.1", web.server.port())) {
      var text = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> text.append(k).append(": ").append(v).append("\r\n"));
      text.append("\r\n");
      socket.getOutputStream().write(text.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      socket.setSoTimeout(20_000);
      return head(socket.getInputStream());
    }
  }

  private static String head(InputStream in) throws IOException {
    var out = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      out.append((char) b);
      if (out.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return out.toString();
  }

  private static Map<String, String> upgrade(String host, String origin) {
    var h = new LinkedHashMap<String, String>();
    if (host != null) {
      h.put("Host", host);
    }
    h.put("Upgrade", "websocket");
    h.put("Connection", "Upgrade");
    h.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    h.put("Sec-WebSocket-Version", "13");
    if (origin != null) {
      h.put("Origin", origin);
    }
    return h;
  }

  private static int status(String head) {
    return Integer.parseInt(head.substring(9, 12));
  }

  @Test
  void aPageFromAnotherOriginIsRefusedBeforeTheUpgrade() throws Exception {
    var head = request("/lsp?token=" + web.server.token(), upgrade(host(), "http://evil.example"));
    assertEquals(403, status(head), head);
    assertEquals(403, status(request("/lsp?token=" + web.server.token(), upgrade(host(), "http://evil.example"))));
    assertTrue(web.stderr().contains("origin http://evil.example is neither the page's own"), web.stderr());
    assertEquals(1, web.stderr().lines().filter(l -> l.contains("WARN refused") && l.contains("evil.example")).count(),
        "logged once: " + web.stderr());
  }

  @Test
  void aRebindingHostIsRefused() throws Exception {
    var head = request("/lsp?token=" + web.server.token(),
        upgrade("rebind.example:" + web.server.port(), "http://rebind.example:" + web.server.port()));
    assertEquals(403, status(head), head);
    assertEquals(403, status(request("/", Map.of("Host", "rebind.example:" + web.server.port()))));
  }

  @Test
  void noTokenOrAWrongOneIsRefused() throws Exception {
    assertEquals(403, status(request("/lsp", upgrade(host(), "http://" + host()))));
    assertEquals(403, status(request("/lsp?token=00000000000000000000000000000000", upgrade(host(), "http://" + host()))));
    var wrongProtocol = upgrade(host(), "http://" + host());
    wrongProtocol.put("Sec-WebSocket-Protocol", "00000000000000000000000000000000");
    assertEquals(403, status(request("/lsp", wrongProtocol)));
  }

  @Test
  void thePagesOwnOriginWithTheTokenIsSwitched() throws Exception {
    var head = request("/lsp?token=" + web.server.token(), upgrade(host(), "http://" + host()));
    assertEquals(101, status(head), head);
    var allowed = request("/lsp?token=" + web.server.token(), upgrade(host(), "https://docs.example.org"));
    assertEquals(101, status(allowed), allowed);
  }

  @Test
  void theTokenAsASubprotocolIsAcceptedAndEchoed() throws Exception {
    var headers = upgrade(host(), "http://" + host());
    headers.put("Sec-WebSocket-Protocol", "lsp, " + web.server.token());
    var head = request("/lsp", headers);
    assertEquals(101, status(head), head);
    assertTrue(head.toLowerCase().contains("sec-websocket-protocol: " + web.server.token()), head);
  }

  @Test
  void theTokenIs128RandomBits() {
    assertTrue(web.server.token().matches("[0-9a-f]{32}"), web.server.token());
    assertEquals(web.server.pageUrl().toString(), "http://" + host() + "/?token=" + web.server.token());
  }

  @Test
  void staticFilesStayInTheirDirectory() throws Exception {
    var index = request("/", Map.of("Host", host()));
    assertEquals(200, status(index), index);
    for (var target : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt"}) {
      var head = request(target, Map.of("Host", host()));
      assertTrue(status(head) == 404 || status(head) == 400, target + ": " + head);
    }
    var link = page.resolve("link.txt");
    Files.createSymbolicLink(link, page.getParent().resolve("secret.txt"));
    assertEquals(404, status(request("/link.txt", Map.of("Host", host()))));
  }

  @Test
  void listeningOnEveryAddressIsExplicitAndWarned() throws Exception {
    try (var any = new WebFixture("hello", "--listen", "0.0.0.0:0")) {
      assertTrue(any.stderr().contains("warning: listening on 0.0.0.0:" + any.server.port()), any.stderr());
      assertEquals("http://127.0.0.1:" + any.server.port() + "/?token=" + any.server.token(), any.server.pageUrl().toString());
      try (var socket = new Socket("127.0.0.1", any.server.port())) {
        socket.getOutputStream().write(("GET /lsp HTTP/1.1\r\nHost: evil.example:" + any.server.port()
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(head(socket.getInputStream()).startsWith("HTTP/1.1 403"), "a name is still refused");
      }
    }
    assertTrue(!web.stderr().contains("warning: listening"), "loopback: no warning");
  }

  @Test
  void aMissingPageSaysHowToBuildIt(@TempDir Path empty) throws Exception {
    var handler = new StaticFiles(empty.resolve("web-client/dist"));
    try (var missing = new WebFixture("hello", "--static", empty.resolve("web-client/dist").toString())) {
      try (var socket = new Socket("127.0.0.1", missing.server.port())) {
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + missing.server.port()
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        assertTrue(answer.contains("./dev build"), answer);
      }
    }
    assertTrue(handler.resolve("/index.html").isEmpty());
  }
}
