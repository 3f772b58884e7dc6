package dev.hotlsp.proxy.web;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use {@code hotlsp web}, decided on the HTTP request before any upgrade. Any web page the
 * user opens can make the browser connect to {@code ws://127.0.0.1:PORT}, so three checks:
 * the {@code Host} header is one of the addresses the server listens on (a DNS-rebinding page
 * sends its own name); for the WebSocket, the {@code Origin}, when a browser sends one, is the
 * page's own ({@code http://} + that Host) or one given with {@code --allow-origin} (cross-site
 * WebSocket hijacking); and the secret token (128 random bits, printed at start) is given, as the
 * {@code token} query parameter or as a {@code Sec-WebSocket-Protocol} entry. Pure; immutable.
 *
 * @param hosts the {@code host:port} values a request may name, lower case
 * @param origins the allowed origins besides the page's own, lower case, no trailing slash
 */
public record AccessPolicy(Set<String> hosts, Set<String> origins, String token) {
  /** A refusal (HTTP 403) and why, for the log. */
  public record Refusal(String reason) {}

  public AccessPolicy {
    hosts = Set.copyOf(hosts);
    origins = Set.copyOf(origins);
  }

  /** Why a request for a static file is refused, if it is: only the Host is checked (the page is no secret). */
  public Optional<Refusal> checkPage(String host) {
    return checkHost(host);
  }

  /**
   * Why a WebSocket upgrade is refused, if it is.
   *
   * @param queryToken the {@code token} query parameter, or null
   * @param subprotocols the offered {@code Sec-WebSocket-Protocol} entries
   */
  public Optional<Refusal> checkUpgrade(String host, String origin, String queryToken, List<String> subprotocols) {
    var badHost = checkHost(host);
    if (badHost.isPresent()) {
      return badHost;
    }
    if (origin != null) {
      var o = stripSlash(origin.trim().toLowerCase(Locale.ROOT));
      if (!o.equals("http://" + host.trim().toLowerCase(Locale.ROOT)) && !origins.contains(o)) {
        return Optional.of(new Refusal("origin " + origin + " is neither the page's own nor given with --allow-origin"));
      }
    }
    if (queryToken != null && matches(queryToken) || tokenProtocol(subprotocols).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(queryToken == null && subprotocols.isEmpty()
        ? "no token (the token query parameter or a Sec-WebSocket-Protocol entry)" : "wrong token"));
  }

  /** The offered subprotocol entry that is the token, to echo in the answer. */
  public Optional<String> tokenProtocol(List<String> subprotocols) {
    return subprotocols.stream().map(String::trim).filter(this::matches).findFirst();
  }

  private Optional<Refusal> checkHost(String host) {
    if (host == null || host.isBlank()) {
      return Optional.of(new Refusal("no Host header"));
    }
    if (!hosts.contains(host.trim().toLowerCase(Locale.ROOT))) {
      return Optional.of(new Refusal("Host " + host + " is not an address this server listens on (DNS rebinding?)"));
    }
    return Optional.empty();
  }

  /** Constant-time comparison: the token is a secret. */
  private boolean matches(String candidate) {
    return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  static String stripSlash(String origin) {
    return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
  }
}
