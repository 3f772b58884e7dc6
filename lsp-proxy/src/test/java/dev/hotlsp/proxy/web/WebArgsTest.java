package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code hotlsp web}'s own options, DIR, and what is left for serve's parser. */
class WebArgsTest {
  @Test
  void defaultsAreLoopbackAnyPortAndTheCurrentDirectory() {
    var split = WebArgs.split(List.of());
    assertEquals(new WebOptions(Path.of("."), "127.0.0.1", 0, List.of(), false, 20, Duration.ofMinutes(30),
        Optional.empty()), split.web());
    assertTrue(split.serveArgs().isEmpty());
    assertTrue(!split.web().beyondLoopback());
  }

  @Test
  void webOptionsAreTakenAndServesAreLeft() {
    var split = WebArgs.split(List.of("ws", "--listen", "0.0.0.0:8080", "--allow-origin", "https://Docs.Example.org/",
        "--run", "./cmd/server", "--sessions", "--max-sessions", "3", "--idle-timeout", "5m", "--static", "/srv/page",
        "--isolation", "isolated"));
    assertEquals(new WebOptions(Path.of("ws"), "0.0.0.0", 8080, List.of("https://docs.example.org"), true, 3,
        Duration.ofMinutes(5), Optional.of(Path.of("/srv/page"))), split.web());
    assertEquals(List.of("--run", "./cmd/server", "--isolation", "isolated"), split.serveArgs());
    assertTrue(split.web().beyondLoopback());
    assertEquals(Path.of("later"), WebArgs.split(List.of("--debug", "later")).withDirectory(1).web().directory());
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThrows(IllegalArgumentException.class, () -> WebArgs.split(List.of("--listen", "8080")));
    assertThrows(IllegalArgumentException.class, () -> WebArgs.split(List.of("--listen", "127.0.0.1:70000")));
    assertThrows(IllegalArgumentException.class, () -> WebArgs.split(List.of("--max-sessions", "0")));
    assertThrows(IllegalArgumentException.class, () -> WebArgs.split(List.of("--idle-timeout", "soon")));
    assertThrows(IllegalArgumentException.class, () -> WebArgs.split(List.of("--listen")));
  }

  @Test
  void anIpv6ListenAddressLosesItsBrackets() {
    assertEquals("::1", WebArgs.split(List.of("--listen", "[::1]:0")).web().host());
  }
}
