package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The probe from HotLSP itself (a program on the host's network) against a real loopback server. */
class HttpProbeTest {
  private final HttpProbe probe = new HttpProbe(spec -> {
    throw new AssertionError("a local probe starts no process: " + spec);
  }, true);

  @Test
  void aStatusIsReadAndOnlyBelow500Passes() throws Exception {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", x -> { x.sendResponseHeaders(204, -1); x.close(); });
    server.createContext("/fail", x -> { x.sendResponseHeaders(503, -1); x.close(); });
    server.start();
    try {
      var base = "http://127.0.0.1:" + server.getAddress().getPort();
      var ok = probe.get(URI.create(base + "/ok?x=1"), Optional.empty(), Duration.ofSeconds(5));
      var fail = probe.get(URI.create(base + "/fail"), Optional.empty(), Duration.ofSeconds(5));
      assertEquals(new HttpProbe.Answer(true, OptionalInt.of(204)), ok);
      assertTrue(ok.ok());
      assertEquals(new HttpProbe.Answer(true, OptionalInt.of(503)), fail);
      assertFalse(fail.ok());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nothingListeningIsRefusedAndAClosedConnectionHasNoStatus() throws Exception {
    int free;
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    assertEquals(HttpProbe.Answer.REFUSED, probe.get(URI.create("http://127.0.0.1:" + free + "/"), Optional.empty(), Duration.ofSeconds(5)));
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var closer = Thread.ofPlatform().start(() -> {
        try (var c = s.accept()) {
          c.getInputStream().read();
        } catch (java.io.IOException e) {
          // the probe went away
        }
      });
      var answer = probe.get(URI.create("http://localhost:" + s.getLocalPort() + "/panic"), Optional.empty(), Duration.ofSeconds(5));
      closer.join();
      assertEquals(new HttpProbe.Answer(true, OptionalInt.empty()), answer);
    }
  }

  @Test
  void onlyLoopbackHttpUrlsAreProbed() {
    assertTrue(HttpProbe.loopback(URI.create("http://[::1]:8080/")));
    assertFalse(HttpProbe.loopback(URI.create("http://192.168.1.1/")));
    assertThrows(IllegalArgumentException.class,
        () -> probe.get(URI.create("http://example.com/"), Optional.empty(), Duration.ofSeconds(1)));
  }
}
