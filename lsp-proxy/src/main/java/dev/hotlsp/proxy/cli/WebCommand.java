package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.server.EditorSession;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.web.WebOptions;
import dev.hotlsp.proxy.web.WebServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code hotlsp web [DIR]}: HotLSP over WebSocket for a browser, one session (its own gopls) per
 * connection on DIR, or on a scratch copy of it per connection ({@code --sessions}); the page at
 * {@code /}. Prints the page's address with its token on stderr when ready, then serves until
 * HotLSP is stopped.
 */
public final class WebCommand {
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Map<String, String> env;
  private final Clock clock;

  public WebCommand(PrintStream err, Log log, ProcessLauncher launcher, Map<String, String> env, Clock clock) {
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.env = env;
    this.clock = clock;
  }

  /**
   * Starts the server; null (and the reason on stderr) when it cannot.
   *
   * @param settings a session's settings for the directory it serves
   * @param home HotLSP's home ({@code -Dhotlsp.home}), where {@code web-client/dist} is
   */
  public WebServer start(WebOptions web, Options options, Function<Path, ProxySettings> settings, Optional<Path> home) {
    var dir = web.directory().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      err.println(TerminalText.escape("hotlsp: web: not a directory: " + dir));
      return null;
    }
    var staticDir = web.staticDirectory()
        .or(() -> home.map(h -> h.resolve("web-client").resolve("dist")))
        .orElse(Path.of("web-client", "dist")).toAbsolutePath().normalize();
    if (!Files.isDirectory(staticDir)) {
      log.warn("the page's files are missing (" + staticDir + "): build them with ./dev build, or pass --static DIR");
    }
    var sessions = new EditorSession(launcher, log, clock);
    log.debug("web: starting the server " + sinceStart() + " ms after the process started");
    try {
      var onDir = web.withDirectory(dir);
      var server = WebServer.start(onDir, WebServer.newToken(new SecureRandom()), options.maxMessageBytes(),
          options.outbox(), staticDir,
          (transport, workspace) -> sessions.run(transport, settings.apply(workspace).withWebWorkspace(workspace),
              Optional.empty(), c -> { },
              log::error),
          CacheDirs.fromEnvironment(env), log, System::nanoTime);
      if (web.beyondLoopback()) {
        err.println(TerminalText.escape("hotlsp: warning: listening on " + web.host() + ":" + server.port()
            + ", beyond this machine: anyone who can reach it and has the token runs code here"));
      }
      err.println("hotlsp web: serving " + TerminalText.escape(dir.toString()) + (web.sessions() ? " (a scratch copy per connection)" : ""));
      err.println(server.pageUrl());
      err.flush();
      log.debug("web: ready " + sinceStart() + " ms after the process started");
      return server;
    } catch (Exception e) {
      err.println(TerminalText.escape("hotlsp: web: cannot listen on " + web.host() + ":" + web.port() + ": " + e.getMessage()));
      return null;
    }
  }

  private static long sinceStart() {
    return ProcessHandle.current().info().startInstant()
        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
  }

  /** Starts the server and serves until HotLSP is stopped; 2 when it cannot start. */
  public int run(WebOptions web, Options options, Function<Path, ProxySettings> settings, Optional<Path> home) {
    try (var server = start(web, options, settings, home)) {
      if (server == null) {
        return 2;
      }
      // Ctrl-C or SIGTERM: every connection is closed and its session ended (scratch copies removed)
      try (var stop = ShutdownHook.install(server::close)) {
        server.join();
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
