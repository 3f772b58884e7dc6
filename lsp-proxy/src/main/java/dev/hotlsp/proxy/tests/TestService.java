package dev.hotlsp.proxy.tests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.RebuildDecision;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.TestDeclarations;
import dev.hotlsp.bridge.gotest.TestRequest;
import dev.hotlsp.bridge.graph.AffectedTests;
import dev.hotlsp.bridge.graph.GoPackage;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.FileChange;
import dev.hotlsp.proxy.crash.CrashDiagnostics;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.Commands;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.run.InvalidArgumentsException;
import dev.hotlsp.proxy.run.RunFailedException;
import dev.hotlsp.proxy.wire.Messages;
import dev.hotlsp.proxy.workspace.WorkDoneProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * The editor session's tests: per workspace folder a {@link TestLane} in the folder's job runner
 * (one go command at a time, after the build of the same change), {@code serve --test-on-save} (each
 * change's affected tests, from the import graph), the {@code hotlsp.test} and {@code
 * hotlsp.listTests} commands, {@code hotlsp/testResults} notifications, a "Testing" progress, and
 * the failures as diagnostics of source {@code hotlsp} through the session's {@link
 * CrashDiagnostics} ledger (per package: replaced by the package's next result, cleared when it
 * passes or its file changes). Thread-safe.
 */
public final class TestService implements TestRun.TestSink {
  /** How the session's tests run: what the test binaries get and whether saves run tests. */
  public record Settings(boolean onSave, List<String> buildFlags, dev.hotlsp.bridge.run.Isolation isolation,
      dev.hotlsp.bridge.run.RunLimits limits) {
    public Settings {
      buildFlags = List.copyOf(buildFlags);
    }
  }

  private record Folder(Path path, RebuildLoop loop, TestLane lane) {}

  private final Settings settings;
  private final EditorChannel editor;
  private final CrashDiagnostics diagnostics;
  private final Function<GoToolchain, TestLauncher> launchers;
  private final Log log;
  private final List<Folder> folders = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicLong runIds = new AtomicLong();
  private volatile TestLauncher launcher;
  private volatile WorkDoneProgress progress;

  /** @param launchers the go test runner of the session's go (known once the workspace starts) */
  public TestService(Settings settings, EditorChannel editor, CrashDiagnostics diagnostics,
      Function<GoToolchain, TestLauncher> launchers, Log log) {
    this.settings = settings;
    this.editor = editor;
    this.diagnostics = diagnostics;
    this.launchers = launchers;
    this.log = log;
    this.progress = new WorkDoneProgress(editor, false, "hotlsp/test/");
  }

  /** Adds {@code hotlsp.test} and {@code hotlsp.listTests}. */
  public Commands.Builder register(Commands.Builder commands) {
    return commands
        .add("hotlsp.test", args -> command(() -> test(TestArguments.ofTest(args))))
        .add("hotlsp.listTests", args -> command(() -> CompletableFuture.completedFuture(list(TestArguments.ofList(args)))));
  }

  /** The workspace starts with {@code go}; {@code progressSupported}: the editor shows work-done progress. */
  public void starting(GoToolchain go, boolean progressSupported) {
    launcher = launchers.apply(go);
    progress = new WorkDoneProgress(editor, progressSupported, "hotlsp/test/");
  }

  /** A folder's rebuild loop has started: its tests can run, in its job runner. */
  public void folderReady(Path folder, RebuildLoop loop) {
    var current = launcher;
    if (current == null) {
      return;
    }
    folders.add(new Folder(folder, loop, new TestLane(folder, current, this::request, this::run, log)));
  }

  /** Every folder has been looked at: commands no longer wait. */
  public void loaded() {
    ready.complete(null);
  }

  /** The workspace will have no rebuild loop: tests are refused. */
  public void unavailable(String why) {
    ready.completeExceptionally(new RunFailedException(why));
  }

  /**
   * A folder's rebuild loop decided on a set of changes (on its thread): with {@code --test-on-save}
   * the tests they affect are queued, behind the builds the same changes queued.
   */
  public void decided(Path folder, RebuildDecision decision) {
    if (!settings.onSave()) {
      return;
    }
    folderAt(folder).ifPresent(f -> {
      var changed = decision.changes().stream().map(FileChange::path).toList();
      var graph = f.loop().graph();
      var affected = AffectedTests.of(graph, changed).stream()
          .filter(p -> graph.get(p).map(pkg -> !pkg.testFiles().isEmpty()).orElse(true)).toList();
      if (affected.isEmpty()) {
        log.debug("no test affected by " + changed);
        return;
      }
      var keys = affected.stream().map(p -> new TestKey(p, "")).collect(Collectors.toSet());
      f.loop().withJobs(jobs -> jobs.request(f.lane(), keys));
    });
  }

  @Override
  public void findings(PackageResult result, long runId, long since) {
    diagnostics.record("test " + result.importPath(), "test-" + runId, since, result.findings(), true);
  }

  @Override
  public void results(Path folder, long runId, String trigger, boolean done, boolean stopped,
      List<PackageResult> packages) {
    editor.notify("hotlsp/testResults", TestMessages.results(folder, runId, trigger, done, stopped, packages));
  }

  private TestRun run(Path folder, String trigger, int packages, List<CompletableFuture<JsonElement>> answers) {
    var shown = progress.begin("Testing", packages + (packages == 1 ? " package" : " packages"));
    return new TestRun(runIds.incrementAndGet(), folder, trigger, diagnostics.mark(), packages, this, shown, answers);
  }

  private TestRequest request(Path folder, List<String> packages, String run) {
    return new TestRequest(folder, packages, run.isEmpty() ? null : run, null, settings.buildFlags(),
        settings.isolation(), settings.limits());
  }

  private CompletableFuture<JsonElement> test(TestArguments a) throws InvalidArgumentsException {
    var folder = pick(a);
    var graph = folder.loop().graph();
    var packages = a.packages().isEmpty() ? AffectedTests.of(graph, a.affectedBy()) : a.packages();
    if (packages.isEmpty()) {
      return CompletableFuture.completedFuture(TestMessages.answer(0, false, List.of(), ""));
    }
    Set<TestKey> keys = packages.stream().map(p -> new TestKey(p, a.run())).collect(Collectors.toSet());
    var answer = new CompletableFuture<JsonElement>();
    folder.loop().withJobs(jobs -> {
      folder.lane().await(keys, answer);
      jobs.request(folder.lane(), keys);
    });
    return answer;
  }

  /** The named folder; else the one holding the first file or package; else the first. */
  private Folder pick(TestArguments a) throws InvalidArgumentsException {
    if (folders.isEmpty()) {
      throw new RunFailedException("no Go workspace folder is loaded");
    }
    if (a.folder().isPresent()) {
      return folderAt(a.folder().get()).orElseThrow(
          () -> new InvalidArgumentsException("hotlsp.test: not a loaded workspace folder: " + a.folder().get()));
    }
    if (!a.affectedBy().isEmpty()) {
      return folderAt(a.affectedBy().get(0)).orElse(folders.get(0));
    }
    for (var f : folders) {
      if (f.loop().graph().get(a.packages().get(0)).filter(p -> !p.depOnly()).isPresent()) {
        return f;
      }
    }
    return folders.get(0);
  }

  /** The folder whose path holds {@code path} (the deepest). */
  private Optional<Folder> folderAt(Path path) {
    return folders.stream().filter(f -> path.startsWith(f.path()))
        .max(Comparator.comparingInt(f -> f.path().getNameCount()));
  }

  private JsonElement list(Optional<Path> where) {
    var byImportPath = new TreeMap<String, JsonObject>();
    for (var f : folders) {
      if (where.isPresent() && !where.get().startsWith(f.path()) && !f.path().startsWith(where.get())) {
        continue;
      }
      for (var p : f.loop().graph().packages()) {
        if (p.depOnly() || p.testFiles().isEmpty() || byImportPath.containsKey(p.importPath())
            || !p.dir().startsWith(f.path()) || where.isPresent() && !covers(where.get(), p)) {
          continue;
        }
        try {
          byImportPath.put(p.importPath(), TestMessages.listed(p.importPath(), p.dir(), TestDeclarations.scan(p.dir())));
        } catch (IOException e) {
          log.warn("cannot read the tests of " + p.dir() + ": " + e.getMessage());
        }
      }
    }
    var packages = new JsonArray();
    byImportPath.values().forEach(packages::add);
    var out = new JsonObject();
    out.add("packages", packages);
    return out;
  }

  /** A directory covers the packages under it; a file, its own package. */
  private static boolean covers(Path where, GoPackage p) {
    return Files.isDirectory(where) ? p.dir().startsWith(where) : p.dir().equals(where.getParent());
  }

  /** A command body that may refuse its arguments. */
  @FunctionalInterface
  private interface Body {
    CompletableFuture<JsonElement> run() throws InvalidArgumentsException;
  }

  /** Runs {@code body} once the workspace is loaded; bad arguments are -32602, no workspace -32803. */
  private CompletableFuture<JsonElement> command(Body body) {
    return ready.thenCompose(v -> {
      try {
        return body.run();
      } catch (InvalidArgumentsException e) {
        return CompletableFuture.failedFuture(error(Messages.INVALID_PARAMS, e.getMessage()));
      }
    }).exceptionallyCompose(e -> {
      var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RunFailedException || cause instanceof IOException) {
        return CompletableFuture.failedFuture(error(Messages.REQUEST_FAILED, cause.getMessage()));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private static ResponseErrorException error(int code, String message) {
    return new ResponseErrorException(new ResponseError(code, message, null));
  }
}
