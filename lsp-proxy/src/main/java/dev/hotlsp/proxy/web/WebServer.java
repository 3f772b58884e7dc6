package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.wire.OutboxLimits;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The HTTP side of {@code hotlsp web} (Jetty's core server and WebSocket, no servlets): the
 * {@link AccessGuard} in front of everything, the WebSocket at {@code /lsp} (one session per
 * connection, {@link WebSessions}), the page's {@link StaticFiles} at {@code /}. Pings every
 * connection every {@link WebOptions#pingInterval} (20 s), drops one that answers none of three;
 * closes one whose client sent no message for the idle timeout.
 */
public final class WebServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final WebSessions sessions;
  private final ScheduledExecutorService ticker;
  private final String token;
  private final AccessPolicy policy;

  private WebServer(Server server, ServerConnector connector, WebSessions sessions, ScheduledExecutorService ticker,
      String token, AccessPolicy policy) {
    this.server = server;
    this.connector = connector;
    this.sessions = sessions;
    this.ticker = ticker;
    this.token = token;
    this.policy = policy;
  }

  /** A new random token: 128 bits, hex. */
  public static String newToken(SecureRandom random) {
    var bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Listens and serves until {@link #close}.
   *
   * @param staticDir the page's files
   * @param runner runs one session on a connection
   * @param cache where {@code --sessions} makes its scratch copies
   */
  public static WebServer start(WebOptions options, String token, long maxMessageBytes, OutboxLimits limits,
      Path staticDir, SessionRunner runner, dev.hotlsp.bridge.cache.CacheDirs cache, Log log, LongSupplier nanoClock)
      throws Exception {
    var scratch = options.sessions()
        ? java.util.Optional.of(ScratchWorkspaces.open(options.directory(), cache))
        : java.util.Optional.<ScratchWorkspaces>empty();
    var threads = new QueuedThreadPool();
    threads.setName("hotlsp-web");
    threads.setDaemon(true);
    var server = new Server(threads);
    var http = new org.eclipse.jetty.server.HttpConfiguration();
    http.setSendServerVersion(false);
    var connector = new ServerConnector(server, 1, 1, new org.eclipse.jetty.server.HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    var sessions = new WebSessions(options.directory(), scratch, options.maxSessions(), runner, log);
    var policyRef = new java.util.concurrent.atomic.AtomicReference<AccessPolicy>();
    var ids = new AtomicInteger();
    var upgrade = new WebSocketUpgradeHandler();
    upgrade.addMapping(AccessGuard.LSP_PATH, new WebSocketNegotiator() {
      @Override
      public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        policyRef.get().tokenProtocol(request.getSubProtocols()).ifPresent(response::setAcceptedSubProtocol);
        var framing = org.eclipse.jetty.server.Request.extractQueryParameters(request).getValue("framing");
        return new WebSocketTransport("web-editor-" + ids.incrementAndGet(), "content-length".equals(framing),
            maxMessageBytes, limits, nanoClock, sessions);
      }

      @Override
      public void customize(Configuration configuration) {
        // messages arrive in fragments of at most 64 KiB, whatever the client's frames: a text
        // message is gathered (and its size limited) by the transport, binary ones are a stream
        configuration.setMaxTextMessageSize(-1);
        configuration.setMaxBinaryMessageSize(-1);
        configuration.setMaxFrameSize(64 * 1024);
        configuration.setAutoFragment(true);
        configuration.setIdleTimeout(options.socketIdle());
      }
    });
    upgrade.setHandler(new StaticFiles(staticDir));
    server.setHandler(new AccessGuard(policyRef::get, log, upgrade));
    server.start();
    var policy = new AccessPolicy(hosts(options.host(), connector.getLocalPort()), Set.copyOf(options.allowOrigins()),
        token);
    policyRef.set(policy);
    var ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("hotlsp-web-ticker").unstarted(r));
    // our own pings keep Jetty's idle timer (reads and writes) going: a silent client is found here
    ticker.scheduleAtFixedRate(() -> sessions.live().forEach(t -> {
          if (t.silentNanos() >= options.socketIdle().toNanos()) {
            log.info(t.name() + ": dropped, it answered no ping for " + options.socketIdle().toMillis() + " ms");
            t.abort();
          } else {
            t.ping();
          }
        }),
        options.pingInterval().toMillis(), options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    long idleCheck = Math.max(100, Math.min(options.idleTimeout().toMillis() / 4, 10_000));
    ticker.scheduleAtFixedRate(() -> {
      for (var t : sessions.live()) {
        if (t.idleNanos() >= options.idleTimeout().toNanos()) {
          log.info(t.name() + ": closed after " + options.idleTimeout().toSeconds() + " s without a message");
          t.closeWith(org.eclipse.jetty.websocket.core.CloseStatus.SHUTDOWN,
              "idle for " + options.idleTimeout().toSeconds() + " s (--idle-timeout)");
        }
      }
    }, idleCheck, idleCheck, TimeUnit.MILLISECONDS);
    return new WebServer(server, connector, sessions, ticker, token, policy);
  }

  /** The {@code host:port} names a request may use: the listening address, and for loopback or any address, each local one. */
  static Set<String> hosts(String host, int port) {
    var names = new LinkedHashSet<String>();
    var h = host.toLowerCase(Locale.ROOT);
    names.add(withPort(h, port));
    boolean any = h.equals("0.0.0.0") || h.equals("::");
    boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    if (loopback || any) {
      names.add("localhost:" + port);
      names.add("127.0.0.1:" + port);
      names.add("[::1]:" + port);
    }
    if (any) {
      try {
        var interfaces = NetworkInterface.getNetworkInterfaces();
        while (interfaces != null && interfaces.hasMoreElements()) {
          for (var address : java.util.Collections.list(interfaces.nextElement().getInetAddresses())) {
            names.add(withPort(address, port));
          }
        }
      } catch (SocketException e) {
        // only the loopback names then
      }
    }
    return names;
  }

  private static String withPort(InetAddress address, int port) {
    var text = address.getHostAddress();
    int scope = text.indexOf('%');
    if (scope >= 0) {
      text = text.substring(0, scope);
    }
    return withPort(address instanceof Inet6Address ? text : text, port);
  }

  private static String withPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The port listened on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The page's address with the token, as printed at start. */
  public URI pageUrl() {
    return URI.create("http://" + printedHost() + ":" + port() + "/?token=" + token);
  }

  /** The WebSocket's address with the token. */
  public URI lspUrl() {
    return URI.create("ws://" + printedHost() + ":" + port() + AccessGuard.LSP_PATH + "?token=" + token);
  }

  private String printedHost() {
    var h = connector.getHost();
    if (h.equals("0.0.0.0") || h.equals("::")) {
      return "127.0.0.1";
    }
    return h.contains(":") ? "[" + h + "]" : h;
  }

  public String token() {
    return token;
  }

  AccessPolicy policy() {
    return policy;
  }

  /** The number of connections with a session now. */
  public int liveSessions() {
    return sessions.live().size();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Closes every connection (their sessions end, gopls and runs with them), then stops listening. */
  @Override
  public void close() {
    ticker.shutdownNow();
    sessions.closeAll(Duration.ofSeconds(5));
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the JVM's end closes the socket
    }
  }
}
