package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.log.TerminalText;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.wire.Peer;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.session.OpenDocument;
import dev.hotlsp.proxy.wire.BackPressure;
import dev.hotlsp.proxy.wire.EditorInput;
import dev.hotlsp.proxy.wire.Frame;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The gopls half of checking one directory: the proxy core and gopls behind a {@link
 * HeadlessEditor}, every Go file opened, the wait until gopls has diagnosed them ({@link
 * DiagnosisWait}), the go build's errors added through the union ({@link BuildFindings}), and the
 * union read back as findings ({@link DiagnosticFindings}) before gopls is stopped.
 */
final class GoplsDiagnosis {
  /** How long gopls has to exit by itself once the report is printed. */
  private static final Duration EXIT_GRACE = Duration.ofMillis(20);

  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final Consumer<String> progress;

  GoplsDiagnosis(PrintStream err, Log log, ProcessLauncher launcher, Clock clock, Consumer<String> progress) {
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * The findings of gopls and the go build in {@code dir}; {@code trace}: where every message is
   * recorded; {@code timeout}: gopls's time to diagnose.
   */
  List<CheckFinding> findings(Path dir, ProxySettings settings, Optional<Path> trace, Duration timeout)
      throws CheckFailedException, InterruptedException {
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
      files = GoFiles.under(dir, w -> err.println(TerminalText.escape("hotlsp: warning: " + w)));
    } catch (IOException e) {
      throw new CheckFailedException("cannot read " + dir + ": " + GoFiles.reason(e));
    }
    var problem = new StringBuilder();
    try (var traceLog = trace.isPresent() ? TraceLog.open(trace.get(), clock) : null;
        var editor = new HeadlessEditor();
        var core = ProxyCore.start(settings, traced(traceLog, "hotlsp->editor", editor), launcher, log, clock,
            problem::append, traceLog == null ? FrameTap.NONE : traceLog, BackPressure.NONE)) {
      if (!problem.isEmpty()) {
        throw new CheckFailedException(problem.toString());
      }
      log.debug("check: gopls started; " + files.size() + " Go files");
      Consumer<Frame> inbound = core.router()::fromEditor;
      editor.start(EditorInput.of(traceLog == null ? inbound : traceLog.tracing("editor->hotlsp", inbound)));
      var deadline = clock.instant().plus(timeout);
      var initialize = editor.request("initialize", HeadlessEditor.initializeParams(dir));
      var workspaceFile = verdict(probe);
      log.debug("check: " + dir + " is in the workspace of " + workspaceFile);
      boolean build = settings.workspace().build();
      var built = BuildFindings.start(build, dir, env, settings.workspace().buildFlags(), launcher, log);
      var init = await(initialize, timeout, "initialize");
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
      progress.accept("diagnosing " + files.stream().map(Path::getParent).distinct().count() + " packages…");
      var all = files.stream().map(FileUri::of).toList();
      if (!new DiagnosisWait(editor, core, clock, log).await(all, opened, deadline)) {
        throw new CheckFailedException("gopls did not finish diagnosing " + dir + " within " + timeout.toSeconds() + " s");
      }
      log.debug("check: settled; gopls's last diagnostics at " + core.router().diagnostics().lastFromGopls());
      if (build) {
        progress.accept("building…");
      }
      built.publishInto(core);
      var findings = DiagnosticFindings.of(CheckedDirs.inScope(core.diagnostics().snapshot(), dir, workspaceFile));
      log.debug("check: " + findings.size() + " findings");
      stop(editor, core);
      return findings;
    } catch (IOException e) {
      throw new CheckFailedException("cannot open trace file " + trace.orElseThrow() + ": " + e.getMessage());
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
      err.println(TerminalText.escape("hotlsp: warning: cannot read " + file + " (" + GoFiles.reason(e) + "): skipped"));
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
   * Ends gopls once the findings are read: {@code shutdown} and {@code exit} back to back, without
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

  /** The value of a task run beside gopls; its failure as the check's. */
  static <T> T verdict(FutureTask<T> task) throws CheckFailedException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CheckFailedException failure) {
        throw failure;
      }
      if (e.getCause() instanceof IOException io) {
        throw new CheckFailedException(String.valueOf(io.getMessage()).replace('\n', ' '));
      }
      throw new CheckFailedException("cannot find the Go workspace: " + e.getCause());
    }
  }

  private static Peer traced(TraceLog trace, String direction, Peer peer) {
    return trace == null ? peer : trace.tracing(direction, peer);
  }

  private static JsonObject await(CompletableFuture<JsonObject> reply, Duration timeout, String method)
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
