package dev.hotlsp.proxy.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.wire.BackPressure;
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
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * {@code hotlsp check DIR}: runs the proxy core and gopls on DIR with a headless editor, opens
 * every Go file, waits until gopls has diagnosed them ({@link DiagnosisWait}), and prints
 * {@code path:line:col: severity: message} sorted. Exit 0 clean, 1 errors found, 2 tool failure with one line on stderr (no go command,
 * not a Go workspace, gopls cannot start or finish); a directory it cannot read is skipped with a
 * warning line; once the report is printed, gopls's shutdown cannot change the exit code.
 */
final class CheckCommand {
  /** How long gopls has to exit by itself once the report is printed. */
  private static final Duration EXIT_GRACE = Duration.ofMillis(20);

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
    ProcessHandle.current().info().startInstant().ifPresent(t -> log.debug("check: JVM started at " + t));
    try {
      int code = check(dir, options, settingsFor.apply(options, dir));
      log.debug("check: gopls stopped, exit " + code);
      return code;
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
    // go env runs while gopls starts; its verdict is in before any file is opened
    var probe = new FutureTask<>(() -> WorkspaceProbe.goplsWorkspace(dir, env, launcher));
    Thread.ofPlatform().daemon().name("check-workspace-probe").start(probe);
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
            problem::append, trace == null ? FrameTap.NONE : trace, BackPressure.NONE)) {
      if (!problem.isEmpty()) {
        throw new CheckFailedException(problem.toString());
      }
      log.debug("check: gopls started; " + files.size() + " Go files");
      Consumer<Frame> inbound = core.router()::fromEditor;
      editor.connect(trace == null ? inbound : trace.tracing("editor->hotlsp", inbound));
      var deadline = clock.instant().plus(options.checkTimeout());
      var initialize = editor.request("initialize", HeadlessEditor.initializeParams(dir));
      var workspaceFile = verdict(probe);
      log.debug("check: " + dir + " is in the workspace of " + workspaceFile);
      var init = await(initialize, options.checkTimeout(), "initialize");
      if (init.has("error")) {
        throw new CheckFailedException("gopls failed to initialize: " + init.getAsJsonObject("error").get("message").getAsString());
      }
      log.debug("check: initialize answered");
      editor.notify("initialized", new JsonObject());
      var opened = new ArrayList<String>();
      for (var file : files) {
        open(editor, file).ifPresent(opened::add);
      }
      log.debug("check: files opened");
      var all = files.stream().map(FileUri::of).toList();
      if (!new DiagnosisWait(editor, core, clock, log).await(all, opened, deadline)) {
        throw new CheckFailedException("gopls did not finish diagnosing " + dir + " within "
            + options.checkTimeout().toSeconds() + " s");
      }
      log.debug("check: settled; gopls's last diagnostics at " + core.router().diagnostics().lastFromGopls());
      var report = DiagnosticReport.of(dir, inScope(core.diagnostics().snapshot(), dir, workspaceFile));
      report.lines().forEach(out::println);
      out.flush();
      log.debug("check: report printed");
      stop(editor, core);
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
   * Ends gopls once the report is out: {@code shutdown} and {@code exit} back to back, without
   * waiting for the answer, then a short grace before its process tree is stopped. gopls still
   * busy with its own diagnosis of the opened files (always so on a cold cache) reads neither
   * for seconds, and nothing depends on them: gopls's shutdown can neither change the result nor
   * hold it up.
   */
  private static void stop(HeadlessEditor editor, ProxyCore core) {
    editor.request("shutdown", null);
    editor.notify("exit", null);
    core.supervisor().stop(EXIT_GRACE);
  }

  /**
   * What the report covers: everything gopls diagnosed when DIR holds the go.mod or go.work (a
   * go.work's modules may lie outside it); only the files under DIR when DIR is inside a module,
   * whose other packages gopls loads too (as {@code go vet ./...} run in DIR would report).
   */
  private static Map<String, JsonArray> inScope(Map<String, JsonArray> byUri, Path dir, Path workspaceFile) {
    if (sameFile(workspaceFile.getParent(), dir)) {
      return byUri;
    }
    var real = realPath(dir);
    var out = new TreeMap<String, JsonArray>();
    byUri.forEach((uri, diagnostics) -> {
      var file = Path.of(URI.create(uri));
      if (file.startsWith(dir) || file.startsWith(real)) {
        out.put(uri, diagnostics);
      }
    });
    return out;
  }

  private static boolean sameFile(Path a, Path b) {
    return realPath(a).equals(realPath(b));
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  private static Path verdict(FutureTask<Path> probe) throws CheckFailedException, InterruptedException {
    try {
      return probe.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CheckFailedException failure) {
        throw failure;
      }
      throw new CheckFailedException("cannot find the Go workspace: " + e.getCause());
    }
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
}
