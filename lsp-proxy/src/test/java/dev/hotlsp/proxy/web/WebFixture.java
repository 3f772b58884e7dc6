package dev.hotlsp.proxy.web;

import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.proxy.cli.OptionsParser;
import dev.hotlsp.proxy.cli.WebCommand;
import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code hotlsp web} in this JVM as the CLI starts it ({@link WebCommand}), with the real gopls on
 * a test workspace; its log and stderr captured.
 */
final class WebFixture implements AutoCloseable {
  final WebServer server;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LocalProcessLauncher launcher;

  /** @param args {@code web}'s arguments after DIR */
  WebFixture(Path dir, Map<String, String> env, String... args) throws Exception {
    var all = new ArrayList<>(List.of(dir.toString()));
    all.addAll(List.of(args));
    var split = WebArgs.split(all);
    var serveArgs = new ArrayList<>(List.of("serve", "--gopls", HarnessEnv.gopls().toString()));
    serveArgs.addAll(split.serveArgs());
    var options = OptionsParser.parse(serveArgs.toArray(String[]::new));
    var print = new PrintStream(err, true, StandardCharsets.UTF_8);
    var log = new Log(print, Clock.systemUTC(), true);
    launcher = new LocalProcessLauncher(Path.of(System.getProperty("java.io.tmpdir")));
    server = new WebCommand(print, log, launcher, env, Clock.systemUTC()).start(split.web(), options,
        workspace -> new ProxySettings(options.gopls(), Optional.empty(), env, workspace, options.maxMessageBytes(),
            new SupervisorSettings(options.crashLimit(), options.crashWindow(), options.initializeTimeout(),
                Duration.ofSeconds(10), options.maxMessageBytes(), options.outbox()), options.workspace(),
            options.run()),
        Optional.of(HarnessEnv.repo()));
    if (server == null) {
      throw new AssertionError("hotlsp web did not start: " + stderr());
    }
  }

  WebFixture(String workspace, String... args) throws Exception {
    this(HarnessEnv.testWorkspace(workspace), HarnessEnv.childEnvironment(), args);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** gopls servers started by this JVM that still run (not counting gopls's own helper children). */
  static long goplsRunning() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.isAlive() && isGopls(p) && !p.parent().map(WebFixture::isGopls).orElse(false))
        .count();
  }

  private static boolean isGopls(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/gopls")).orElse(false);
  }

  /** Waits up to 20 s for {@code condition}. */
  static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
    dev.hotlsp.proxy.harness.Poll.until(what, Duration.ofSeconds(20), condition, state);
  }

  static String initialize(int id, Path dir) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"processId\":null,"
        + "\"rootUri\":\"" + dir.toUri() + "\",\"capabilities\":{}}}";
  }

  @Override
  public void close() {
    server.close();
    launcher.close();
  }
}
