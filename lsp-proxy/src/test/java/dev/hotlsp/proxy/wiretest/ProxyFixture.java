package dev.hotlsp.proxy.wiretest;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.proxy.cli.Options;
import dev.hotlsp.proxy.cli.OptionsParser;
import dev.hotlsp.proxy.cli.ServeCommand;
import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotlsp serve} in-process between a raw editor pipe and {@link ScriptedServer}s (a new
 * one each time the proxy starts its server). The test writes and reads exact bytes on both
 * sides.
 */
final class ProxyFixture implements AutoCloseable {
  /**
   * The editor's transport under test: stdio, or ({@code -Dhotlsp.wire.transport=websocket}) a
   * WebSocket of {@code hotlsp web} carrying the same bytes as Content-Length framing in binary
   * messages, each write split in two at a varying point.
   */
  static final boolean WEBSOCKET = "websocket".equals(System.getProperty("hotlsp.wire.transport"));
  private final OutputStream toProxy;
  private volatile dev.hotlsp.proxy.server.ProxyCore webCore;
  private dev.hotlsp.proxy.web.WebServer web;
  private dev.hotlsp.proxy.web.WsClient client;
  private final java.util.Random splits = new java.util.Random(19);
  final RawFrames editor;
  final BlockingQueue<ScriptedServer> servers = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> exit = new CompletableFuture<>();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  ProxyFixture(String... args) throws Exception {
    this(true, args);
  }

  ProxyFixture(boolean serverExists, String... args) throws Exception {
    this(serverExists, log -> log, args);
  }

  /** A web session's proxy ({@code hotlsp web}): its file requests confined to {@code workspace}. */
  static ProxyFixture web(Path workspace, String... args) throws Exception {
    return new ProxyFixture(true, log -> log, s -> s.withWebWorkspace(workspace), args);
  }

  ProxyFixture(boolean serverExists, java.util.function.UnaryOperator<OutputStream> logStream, String... args)
      throws Exception {
    this(serverExists, logStream, s -> s, args);
  }

  private ServeCommand serve;

  /** @param logStream wraps the stream the proxy's log writes to (to inject a failure) */
  private ProxyFixture(boolean serverExists, java.util.function.UnaryOperator<OutputStream> logStream,
      java.util.function.UnaryOperator<ProxySettings> session, String... args) throws Exception {
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    editor = new RawFrames(Channels.newInputStream(out.source()), "editor-in");
    var full = new java.util.ArrayList<>(List.of("serve"));
    full.addAll(List.of(args));
    Options options = OptionsParser.parse(full.toArray(String[]::new));
    var err = new PrintStream(logStream.apply(stderr), true, StandardCharsets.UTF_8);
    var settings = session.apply(new ProxySettings(
        serverExists ? Optional.of(List.of("/bin/sh")) : Optional.of(List.of("/nonexistent/gopls")),
        Optional.empty(), Map.of("PATH", "/usr/bin:/bin"), Path.of("").toAbsolutePath(),
        options.maxMessageBytes(),
        new SupervisorSettings(options.crashLimit(), options.crashWindow(), options.initializeTimeout(),
            Duration.ofSeconds(10), options.maxMessageBytes(), options.outbox()), WorkspaceSettings.off()));
    dev.hotlsp.bridge.process.ProcessLauncher launcher = spec -> {
      if (!spec.command().contains("/bin/sh") && !spec.command().contains("/nonexistent/gopls")) {
        // not gopls (e.g. the build sandbox's `go env` probe): scripted servers stand for gopls only
        throw new java.io.IOException("wire test: no program " + spec.display());
      }
      var s = new ScriptedServer();
      servers.add(s);
      return ChildProcess.of(s, spec);
    };
    var log = new Log(err, Clock.systemUTC(), true);
    if (WEBSOCKET) {
      toProxy = overWebSocket(settings, options, launcher, log, Channels.newOutputStream(out.sink()));
      return;
    }
    toProxy = Channels.newOutputStream(in.sink());
    serve = new ServeCommand(Channels.newInputStream(in.source()), Channels.newOutputStream(out.sink()), err,
        log, launcher, Clock.systemUTC());
    Thread.ofPlatform().daemon().name("proxy-under-test").start(() -> {
      try {
        exit.complete(serve.run(settings, options));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      }
    });
  }

  /** Serves one WebSocket session and connects to it; the editor's output stream. */
  private OutputStream overWebSocket(ProxySettings settings, Options options,
      dev.hotlsp.bridge.process.ProcessLauncher launcher, Log log, OutputStream editorIn) throws Exception {
    var trace = options.trace().isPresent()
        ? Optional.of(dev.hotlsp.proxy.log.TraceLog.open(options.trace().get(), Clock.systemUTC()))
        : Optional.<dev.hotlsp.proxy.log.TraceLog>empty();
    var session = new dev.hotlsp.proxy.server.EditorSession(launcher, log, Clock.systemUTC());
    web = dev.hotlsp.proxy.web.WebServer.start(
        new dev.hotlsp.proxy.web.WebOptions(Path.of("").toAbsolutePath(), "127.0.0.1", 0, List.of(), false, 1,
            Duration.ofHours(1), Optional.empty()),
        "wire-test-token", options.maxMessageBytes(), options.outbox(), Path.of("/nonexistent"),
        (transport, dir) -> {
          try {
            int code = session.run(transport, settings, trace, c -> webCore = c, log::error);
            exit.complete(code);
            return code;
          } catch (Throwable t) {
            exit.completeExceptionally(t);
            throw t;
          }
        }, new dev.hotlsp.bridge.cache.CacheDirs(Path.of("/nonexistent")), log, System::nanoTime);
    client = dev.hotlsp.proxy.web.WsClient.connect(java.net.URI.create(web.lspUrl() + "&framing=content-length"), null, List.of(), bytes -> {
      try {
        editorIn.write(bytes);
        editorIn.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    client.closed.whenComplete((c, e) -> {
      try {
        editorIn.close();
      } catch (IOException ignored) {
        // the reader sees the end either way
      }
    });
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        var bytes = java.util.Arrays.copyOfRange(b, off, off + len);
        if (bytes.length < 2) {
          client.sendBinary(bytes);
          return;
        }
        int cut = 1 + splits.nextInt(bytes.length - 1);
        client.sendBinary(java.util.Arrays.copyOfRange(bytes, 0, cut));
        client.sendBinary(java.util.Arrays.copyOfRange(bytes, cut, bytes.length));
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** The running session's parts; set before the proxy reads the editor's first message. */
  dev.hotlsp.proxy.server.ProxyCore core() {
    if (WEBSOCKET) {
      return java.util.Optional.ofNullable(webCore).orElseThrow(() -> new AssertionError("the session has not started"));
    }
    return serve.core().orElseThrow(() -> new AssertionError("the session has not started"));
  }

  private final List<ScriptedServer> seen = new java.util.ArrayList<>();

  /** The n-th server the proxy started (0-based), waiting up to 10 s for it to start. */
  synchronized ScriptedServer server(int n) throws InterruptedException {
    while (seen.size() <= n) {
      var s = servers.poll(10, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("the proxy did not start server #" + n);
      }
      seen.add(s);
    }
    return seen.get(n);
  }

  /** Initializes through the proxy with server #0 on root {@code file:///w}; that server. */
  ScriptedServer initialized() throws Exception {
    var server = server(0);
    send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"processId\":1,"
        + "\"rootUri\":\"file:///w\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\"}}}");
    org.junit.jupiter.api.Assertions.assertEquals("initialize", server.received.nextJson().get("method").getAsString());
    server.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"capabilities\":{}}}");
    org.junit.jupiter.api.Assertions.assertEquals(0, editor.nextJson().get("id").getAsInt());
    send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    org.junit.jupiter.api.Assertions.assertEquals("initialized", server.received.nextJson().get("method").getAsString());
    return server;
  }

  void writeRaw(byte[] bytes) throws IOException {
    toProxy.write(bytes);
    toProxy.flush();
  }

  /** Sends {@code body} framed as the editor; returns the exact bytes sent. */
  byte[] send(String body) throws IOException {
    var f = RawFrames.frame(body);
    writeRaw(f);
    return f;
  }

  void closeEditor() {
    try {
      toProxy.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String stderrText() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closeEditor();
    if (web != null) {
      web.close();
    }
  }
}
