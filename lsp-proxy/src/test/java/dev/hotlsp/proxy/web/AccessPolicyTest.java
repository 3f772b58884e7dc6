package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision on a handshake, one rule at a time. */
class AccessPolicyTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private final AccessPolicy policy = new AccessPolicy(WebServer.hosts("127.0.0.1", 8080),
      Set.of("https://docs.example.org"), TOKEN);

  private Optional<String> upgrade(String host, String origin, String token, List<String> protocols) {
    return policy.checkUpgrade(host, origin, token, protocols).map(AccessPolicy.Refusal::reason);
  }

  @Test
  void thePagesOwnOriginAndTheTokenPass() {
    assertEquals(Optional.empty(), upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", TOKEN, List.of()));
    assertEquals(Optional.empty(), upgrade("localhost:8080", "http://localhost:8080/", TOKEN, List.of()));
    assertEquals(Optional.empty(), upgrade("127.0.0.1:8080", "https://docs.example.org", TOKEN, List.of()));
    assertEquals(Optional.empty(), upgrade("127.0.0.1:8080", null, TOKEN, List.of()), "no Origin: not a browser");
    assertEquals(Optional.empty(), upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", null, List.of("lsp", TOKEN)));
    assertEquals(Optional.of(TOKEN), policy.tokenProtocol(List.of("lsp", " " + TOKEN)));
  }

  @Test
  void anotherHostIsRefusedWhateverElseIsRight() {
    assertTrue(upgrade("evil.example:8080", "http://evil.example:8080", TOKEN, List.of()).orElseThrow().contains("DNS rebinding"));
    assertTrue(upgrade("127.0.0.1:9090", "http://127.0.0.1:9090", TOKEN, List.of()).isPresent(), "another port");
    assertTrue(upgrade(null, null, TOKEN, List.of()).isPresent());
    assertTrue(policy.checkPage("evil.example:8080").isPresent());
    assertTrue(policy.checkPage("127.0.0.1:8080").isEmpty());
  }

  @Test
  void anotherOriginIsRefused() {
    assertTrue(upgrade("127.0.0.1:8080", "http://evil.example", TOKEN, List.of()).orElseThrow().contains("origin"));
    assertTrue(upgrade("127.0.0.1:8080", "null", TOKEN, List.of()).isPresent(), "a sandboxed iframe's origin");
    assertTrue(upgrade("127.0.0.1:8080", "http://127.0.0.1:9090", TOKEN, List.of()).isPresent());
  }

  @Test
  void noTokenOrAWrongOneIsRefused() {
    assertTrue(upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", null, List.of()).orElseThrow().startsWith("no token"));
    assertEquals(Optional.of("wrong token"), upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", TOKEN + "0", List.of()));
    assertEquals(Optional.of("wrong token"), upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", null, List.of("lsp")));
    assertEquals(Optional.of("wrong token"), upgrade("127.0.0.1:8080", "http://127.0.0.1:8080", "", List.of()));
  }

  @Test
  void listeningOnAnyAddressAcceptsEachLocalAddressButNoName() {
    var hosts = WebServer.hosts("0.0.0.0", 8080);
    assertTrue(hosts.contains("127.0.0.1:8080") && hosts.contains("localhost:8080"), hosts.toString());
    assertTrue(hosts.stream().noneMatch(h -> h.startsWith("0.0.0.0")) || hosts.contains("0.0.0.0:8080"));
  }
}
