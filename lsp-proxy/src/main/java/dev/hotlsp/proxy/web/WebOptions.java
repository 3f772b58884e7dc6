package dev.hotlsp.proxy.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code hotlsp web} takes besides {@code serve}'s options; immutable.
 *
 * @param directory the workspace every session serves (or copies, with {@code sessions})
 * @param host the address to listen on (default 127.0.0.1)
 * @param port the port (0: any free one)
 * @param allowOrigins origins besides the page's own that may open the WebSocket
 * @param sessions a fresh scratch copy of {@code directory} per connection (the playground mode)
 * @param maxSessions connections served at once; more are closed with 1013
 * @param idleTimeout a connection whose client sends nothing for this long is closed (1001)
 * @param staticDirectory the page's files ({@code --static}); default {@code web-client/dist} under HotLSP's home
 * @param pingInterval how often every connection is pinged ({@code --ping-interval}); a client that
 *     answers none of three in a row, and sends nothing else, is dropped
 */
public record WebOptions(Path directory, String host, int port, List<String> allowOrigins, boolean sessions,
    int maxSessions, Duration idleTimeout, Optional<Path> staticDirectory, Duration pingInterval) {
  public static final int DEFAULT_MAX_SESSIONS = 20;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);

  /** The options with the default ping interval. */
  public WebOptions(Path directory, String host, int port, List<String> allowOrigins, boolean sessions,
      int maxSessions, Duration idleTimeout, Optional<Path> staticDirectory) {
    this(directory, host, port, allowOrigins, sessions, maxSessions, idleTimeout, staticDirectory,
        DEFAULT_PING_INTERVAL);
  }

  public WebOptions {
    allowOrigins = List.copyOf(allowOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen: the port must be between 0 and 65535");
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("--max-sessions must be at least 1");
    }
    if (idleTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("--idle-timeout must be positive");
    }
    if (pingInterval.toMillis() < 10) {
      throw new IllegalArgumentException("--ping-interval must be at least 10 ms");
    }
  }

  /** How long a connection may read nothing, not even a pong, before Jetty drops it: three pings and a quarter. */
  public Duration socketIdle() {
    return pingInterval.multipliedBy(3).plus(pingInterval.dividedBy(4));
  }

  /** These options serving {@code dir} instead. */
  public WebOptions withDirectory(Path dir) {
    return new WebOptions(dir, host, port, allowOrigins, sessions, maxSessions, idleTimeout, staticDirectory,
        pingInterval);
  }

  /** Whether the address is beyond this machine's loopback (a warning at start). */
  public boolean beyondLoopback() {
    return !(host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]"));
  }
}
