package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.cli.Options;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.BuildError;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.workspace.BuildDiagnostics;
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
 * {@code hotlsp check [DIR...]}: for each DIR runs the proxy core and gopls with a headless
 * editor, opens every Go file, waits until gopls has diagnosed them ({@link DiagnosisWait}), adds
 * what only {@code go build} sees through the diagnostics union ({@link CheckBuild}), then runs
 * each {@code --run} target isolated ({@link CheckRuns}); prints the findings sorted in the chosen
 * format ({@link CheckOptions}). Exit 0 nothing at or above {@code --fail-on}, 1 findings, 2 tool
 * failure with one line on stderr (no go command, not a Go workspace, gopls cannot start or
 * finish, a run cannot start); a directory it cannot read is skipped with a warning line; gopls's
 * shutdown cannot change the exit code.
 */
public final class CheckCommand {
  /** How long gopls has to exit by itself once the report is printed. */
  private static final Duration EXIT_GRACE = Duration.ofMillis(20);

  private final PrintStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final boolean progress;

  /** {@code progress}: stderr is a terminal, so say what is under way. */
  public CheckCommand(OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock, boolean progress) {
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
    this.progress = progress;
  }

  public int run(Options options, BiFunction<Options, Path, ProxySettings> settingsFor) {
    var check = options.check();
    ProcessHandle.current().info().startInstant().ifPresent(t -> log.debug("check: JVM started at " + t));
    try {
      var findings = new ArrayList<CheckFinding>();
      var dirs = new ArrayList<Path>();
      for (var given : check.dirs()) {
        var dir = given.toAbsolutePath().normalize();
        dirs.add(dir);
        var settings = settingsFor.apply(options, dir);
        findings.addAll(check(dir, options, settings));
        if (!check.runs().isEmpty()) {
          findings.addAll(runs(dir, check, settings, options.workspace().build()));
        }
      }
      var base = dirs.size() == 1 ? dirs.get(0) : Path.of("").toAbsolutePath();
      var sorted = findings.stream().map(f -> under(f, dirs)).sorted(CheckFinding.ORDER).toList();
      write(check, report(check.format(), sorted, base));
      err.println(summary(sorted));
      int code = sorted.stream().anyMatch(f -> f.severity().atLeast(check.failOn())) ? 1 : 0;
      log.debug("check: exit " + code);
      return code;
    } catch (CheckFailedException e) {
      err.println("hotlsp: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private static String report(String format, List<CheckFinding> findings, Path base) {
    return switch (format) {
      case "json" -> FindingsReport.checkJson(findings, base);
      case "sarif" -> SarifReport.sarif(findings, base, dev.hotlsp.proxy.server.ProxyCore.VERSION, CheckCommand::lineText);
      case "github" -> GithubAnnotations.annotations(findings, base);
      default -> FindingsReport.checkText(findings, base);
    };
  }

  private void write(CheckOptions check, String report) throws CheckFailedException {
    if (check.output().isEmpty()) {
      out.print(report);
      out.flush();
      return;
    }
    var file = check.output().get();
    try {
      Files.writeString(file, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckFailedException("cannot write the report to " + file + ": " + GoFiles.reason(e));
    }
  }

  /** {@code 3 errors, 1 warning in 2 files}; infos and hints only when there are some. */
  static String summary(List<CheckFinding> findings) {
    var counts = new int[Severity.values().length];
    findings.forEach(f -> counts[f.severity().ordinal()]++);
    var parts = new ArrayList<String>();
    parts.add(count(counts[0], "error"));
    parts.add(count(counts[1], "warning"));
    if (counts[2] > 0) {
      parts.add(count(counts[2], "info"));
    }
    if (counts[3] > 0) {
      parts.add(count(counts[3], "hint"));
    }
    long files = findings.stream().map(CheckFinding::file).distinct().count();
    return String.join(", ", parts) + " in " + count((int) files, "file");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 || noun.equals("info") ? "" : "s");
  }

  private static String lineText(CheckFinding f) {
    var lines = DiagnosticFindings.readLines(f.file());
    return f.line() - 1 < lines.size() ? new String(lines.get(f.line() - 1), StandardCharsets.UTF_8) : "";
  }

  /** A finding in a real path under a checked directory, spelled under that directory as it was given. */
  private static CheckFinding under(CheckFinding f, List<Path> dirs) {
    for (var dir : dirs) {
      var real = realPath(dir);
      if (!f.file().startsWith(dir) && f.file().startsWith(real) && !real.equals(dir)) {
        var file = dir.resolve(real.relativize(f.file()));
        var related = f.related().stream().map(r -> respell(r, dir, real)).toList();
        var flow = f.flow().stream().map(r -> respell(r, dir, real)).toList();
        return new CheckFinding(file, f.line(), f.column(), f.endLine(), f.endColumn(), f.goColumn(), f.severity(),
            f.source(), f.code(), f.message(), related, flow);
      }
    }
    return f;
  }

  private static Finding.Related respell(Finding.Related r, Path dir, Path real) {
    return r.file().startsWith(real) ? new Finding.Related(dir.resolve(real.relativize(r.file())), r.line(), r.column(), r.message()) : r;
  }

  private void progress(String what) {
    if (progress) {
      err.println("hotlsp: " + what);
    }
  }

  /** The {@code --run}s of {@code dir}, after gopls has been stopped. */
  private List<CheckFinding> runs(Path dir, CheckOptions check, ProxySettings settings, boolean built)
      throws CheckFailedException, InterruptedException {
    var env = new HashMap<>(settings.environment());
    env.put("GOTOOLCHAIN", "local");
    var goPath = GoToolchain.findGo(env).orElseThrow(() -> new CheckFailedException("no go command on PATH"));
    var go = new GoToolchain(goPath, env, launcher);
    Path binaries = null;
    try {
      var workspace = GoWorkspace.detect(dir, go);
      var cache = CacheDirs.fromEnvironment(env);
      var checkDir = cache.ensure(Path.of("check"));
      var owned = OwnedDirs.ofThisProcess();
      owned.sweep(checkDir, "run-"); // binaries of a check that was killed
      binaries = owned.create(checkDir, "run-");
      try (var runner = new Runner(launcher, SandboxProbe.probe(launcher), cache.ensure(Path.of("runs")), clock, env)) {
        var runs = new CheckRuns(go, runner, binaries, check.runTimeout(), built, settings.workspace().buildFlags());
        var findings = new ArrayList<CheckFinding>();
        for (var request : check.runs()) {
          progress("running " + request.target() + "…");
          findings.addAll(runs.run(request, dir, workspace));
        }
        return findings;
      }
    } catch (IOException e) {
      throw new CheckFailedException("cannot run the --run targets of " + dir + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } finally {
      if (binaries != null) {
        try (var left = Files.list(binaries)) {
          for (var f : left.toList()) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(binaries);
        } catch (IOException e) {
          log.debug("check: cannot remove " + binaries + ": " + e.getMessage());
        }
      }
    }
  }

  private List<CheckFinding> check(Path dir, Options options, ProxySettings settings) throws CheckFailedException, InterruptedException {
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
      var build = new FutureTask<>(() -> options.workspace().build() ? buildErrors(dir, env, options.workspace().buildFlags()) : List.<BuildError>of());
      Thread.ofPlatform().daemon().name("check-build").start(build);
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
      progress("diagnosing " + files.stream().map(Path::getParent).distinct().count() + " packages…");
      var all = files.stream().map(FileUri::of).toList();
      if (!new DiagnosisWait(editor, core, clock, log).await(all, opened, deadline)) {
        throw new CheckFailedException("gopls did not finish diagnosing " + dir + " within "
            + options.checkTimeout().toSeconds() + " s");
      }
      log.debug("check: settled; gopls's last diagnostics at " + core.router().diagnostics().lastFromGopls());
      if (options.workspace().build()) {
        progress("building…");
      }
      publishBuild(core, verdict(build));
      var findings = DiagnosticFindings.of(inScope(core.diagnostics().snapshot(), dir, workspaceFile));
      log.debug("check: " + findings.size() + " findings");
      stop(editor, core);
      return findings;
    } catch (IOException e) {
      throw new CheckFailedException("cannot open trace file " + options.trace().orElseThrow() + ": " + e.getMessage());
    }
  }

  /** The go build's errors, run while gopls diagnoses. */
  private List<BuildError> buildErrors(Path dir, Map<String, String> env, List<String> buildFlags) throws CheckFailedException, IOException, InterruptedException {
    var goPath = GoToolchain.findGo(env).orElseThrow(() -> new CheckFailedException("no go command on PATH"));
    var go = new GoToolchain(goPath, env, launcher);
    var errors = CheckBuild.errors(go, GoWorkspace.detect(dir, go), dir, buildFlags);
    log.debug("check: go build done, " + errors.size() + " errors");
    return errors;
  }

  /** The build's errors into the union as the {@code go build} source: a problem gopls reports too is left out there. */
  private static void publishBuild(ProxyCore core, List<BuildError> errors) {
    var byUri = new TreeMap<String, JsonArray>();
    for (var e : errors) {
      byUri.computeIfAbsent(FileUri.of(e.file()), u -> new JsonArray()).add(BuildDiagnostics.toDiagnostic(e));
    }
    byUri.forEach((uri, list) -> core.router().diagnostics().publish(BuildDiagnostics.SOURCE, uri, list));
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

  private static <T> T verdict(FutureTask<T> probe) throws CheckFailedException, InterruptedException {
    try {
      return probe.get();
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
