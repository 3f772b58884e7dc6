package dev.hotlsp.proxy.cli;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.route.Peer;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.session.OpenDocument;
import dev.hotlsp.proxy.wire.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * {@code hotlsp check DIR}: runs the proxy core and gopls on DIR with a headless editor, opens
 * every Go file, waits until gopls has finished diagnosing (every file has diagnostics, no
 * progress under way, then a quiet second), and prints {@code path:line:col: severity: message}
 * sorted. Exit 0 clean, 1 errors found, 2 tool failure with one line on stderr (no go command,
 * not a Go workspace, gopls cannot start or finish); a directory it cannot read is skipped with a
 * warning line; once the report is printed, gopls's shutdown cannot change the exit code.
 */
final class CheckCommand {
  private static final Duration QUIET = Duration.ofMillis(1000);
  /** How long gopls may take to answer {@code shutdown} before it is stopped. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

  private final PrintStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;

  CheckCommand(OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock) {
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
  }

  int run(Options options, BiFunction<Options, Path, ProxySettings> settingsFor) {
    var dir = options.directory().orElseThrow().toAbsolutePath().normalize();
    try {
      return check(dir, options, settingsFor.apply(options, dir));
    } catch (CheckFailedException e) {
      err.println("hotlsp: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private int check(Path dir, Options options, ProxySettings settings) throws CheckFailedException, InterruptedException {
    if (!Files.isDirectory(dir)) {
      throw new CheckFailedException("no such directory: " + dir);
    }
    var env = new HashMap<>(settings.environment());
    env.put("GOTOOLCHAIN", "local");
    var root = WorkspaceProbe.goplsWorkspace(dir, env, launcher);
    log.info("checking " + dir + " (workspace " + root + ")");
    List<Path> files;
    try {
      files = GoFiles.under(dir, w -> err.println("hotlsp: warning: " + w));
    } catch (IOException e) {
      throw new CheckFailedException("cannot read " + dir + ": " + GoFiles.reason(e));
    }
    var problem = new StringBuilder();
    try (var trace = options.trace().isPresent() ? TraceLog.open(options.trace().get(), clock) : null;
        var editor = new HeadlessEditor();
        var core = ProxyCore.start(settings, traced(trace, "hotlsp->editor", editor), launcher, log, clock,
            problem::append, trace == null ? FrameTap.NONE : trace)) {
      if (!problem.isEmpty()) {
        throw new CheckFailedException(problem.toString());
      }
      Consumer<Frame> inbound = core.router()::fromEditor;
      editor.connect(trace == null ? inbound : trace.tracing("editor->hotlsp", inbound));
      var deadline = clock.instant().plus(options.checkTimeout());
      var init = await(editor.request("initialize", HeadlessEditor.initializeParams(dir)), options.checkTimeout(), "initialize");
      if (init.has("error")) {
        throw new CheckFailedException("gopls failed to initialize: " + init.getAsJsonObject("error").get("message").getAsString());
      }
      editor.notify("initialized", new JsonObject());
      var uris = new ArrayList<String>();
      for (var file : files) {
        open(editor, file).ifPresent(uris::add);
      }
      if (!awaitSettled(editor, core, uris, deadline)) {
        throw new CheckFailedException("gopls did not finish diagnosing " + dir + " within "
            + options.checkTimeout().toSeconds() + " s");
      }
      var report = DiagnosticReport.of(dir, core.diagnostics().snapshot());
      report.lines().forEach(out::println);
      out.flush();
      stop(editor);
      return report.errors() > 0 ? 1 : 0;
    } catch (IOException e) {
      throw new CheckFailedException("cannot open trace file " + options.trace().orElseThrow() + ": " + e.getMessage());
    }
  }

  /**
   * Opens {@code file} in gopls when gopls would read the same text from disk; returns its URI
   * when gopls is to publish diagnostics for it. A file that is not valid UTF-8 is left closed:
   * the text of a didOpen is a JSON string, which cannot carry the invalid bytes gopls and go
   * report ("illegal UTF-8 encoding"), so gopls reads it from disk instead.
   */
  private Optional<String> open(HeadlessEditor editor, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("hotlsp: warning: cannot read " + file + " (" + GoFiles.reason(e) + "): skipped");
      return Optional.empty();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      log.info(file + " is not valid UTF-8: gopls reads it from disk");
      return Optional.empty();
    }
    var uri = FileUri.of(file);
    editor.notify("textDocument/didOpen", new OpenDocument(uri, "go", 1, text).toDidOpenParams());
    return Optional.of(uri);
  }

  /**
   * Ends gopls once the report is out: asks it to shut down, waits a bounded time, then sends
   * {@code exit}; closing the core stops whatever is left of its process tree. A gopls slow to
   * shut down (a cold cache keeps it busy) does not change the result.
   */
  private void stop(HeadlessEditor editor) throws InterruptedException {
    try {
      editor.request("shutdown", null).get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.info("gopls did not answer shutdown within " + SHUTDOWN_WAIT.toMillis() + " ms: stopping it");
    }
    editor.notify("exit", null);
  }

  private static Peer traced(TraceLog trace, String direction, Peer peer) {
    return trace == null ? peer : trace.tracing(direction, peer);
  }

  private JsonObject await(CompletableFuture<JsonObject> reply, Duration timeout, String method)
      throws CheckFailedException, InterruptedException {
    try {
      return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CheckFailedException("gopls did not answer " + method + " within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new CheckFailedException("gopls failed on " + method + ": " + e.getCause());
    }
  }

  private boolean awaitSettled(HeadlessEditor editor, ProxyCore core, List<String> uris, Instant deadline)
      throws InterruptedException {
    var supervisor = core.supervisor();
    while (clock.instant().isBefore(deadline)) {
      var state = supervisor.state();
      if (state != GoplsSupervisor.State.RUNNING && state != GoplsSupervisor.State.RESTARTING) {
        return false;
      }
      boolean quiet = Duration.between(core.router().diagnostics().lastFromGopls(), clock.instant()).compareTo(QUIET) >= 0;
      if (quiet && !core.router().progress().busy() && uris.stream().allMatch(editor::hasDiagnostics)) {
        return true;
      }
      Thread.sleep(50); // polls gopls's progress in production code; tests never sleep
    }
    return false;
  }

}
