package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.FindingsReport;
import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.EndReason;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ExecutorScheduler;
import dev.hotlsp.bridge.watch.WatchConfig;
import dev.hotlsp.bridge.watch.WorkspaceWatcher;
import dev.hotlsp.proxy.crash.CrashReports;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.run.RunController;
import dev.hotlsp.proxy.run.RunFailedException;
import dev.hotlsp.proxy.run.RunMessages;
import dev.hotlsp.proxy.run.RunOptions;
import dev.hotlsp.proxy.run.RunSpecs;
import dev.hotlsp.proxy.run.SandboxRunner;
import dev.hotlsp.proxy.run.TargetResolver;
import dev.hotlsp.proxy.run.TerminalRunEvents;
import dev.hotlsp.proxy.run.UnknownTargetException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * {@code hotlsp run TARGET [-- ARGS]}: builds the target with the rebuild loop (no gopls) and runs it
 * in the sandbox, its output on HotLSP's stdout/stderr, then one summary line on stderr. The exit
 * code is the program's (128+N for signal N, 124 for a timeout, 125 when the sandbox failed; 2 when
 * HotLSP could not build it). With {@code --watch} it keeps watching and hot-restarts the program
 * on every changed binary exactly as {@code serve} does, until interrupted.
 */
final class RunCommand {
  private final OutputStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final Log log;

  private final Path tempBase;

  RunCommand(OutputStream out, PrintStream err, Map<String, String> env, ProcessLauncher launcher, Path tempBase,
      Clock clock, Log log) {
    this.tempBase = tempBase;
    this.log = log;
    this.out = out;
    this.err = err;
    this.env = env;
    this.launcher = launcher;
    this.clock = clock;
  }

  /** {@code buildFlags}: the user's go build flags ({@code --build-flag}). */
  int run(RunCommandOptions command, RunOptions options, List<String> buildFlags) {
    var goPath = GoToolchain.findGo(env);
    if (goPath.isEmpty()) {
      err.println("hotlsp: go is not on PATH");
      return 2;
    }
    var go = new GoToolchain(goPath.get(), env, launcher);
    var folder = command.workspace().toAbsolutePath().normalize();
    var terminal = new TerminalRunEvents(out, err, command.watch());
    var cache = CacheDirs.fromEnvironment(env);
    try (var sandbox = new SandboxRunner(launcher, tempBase, clock, env)) {
      var workspace = GoWorkspace.detect(folder, go);
      // a terminal's run has no gopls to yield to: build at the normal priority, as air does
      var config = RebuildConfig.defaults(workspace, cache).withStaleReasons(false).withNiceness(0)
          .withBuildFlags(buildFlags);
      var graph = new ImportGraphLoader(go, config.buildFlags()).load(workspace);
      RunController[] controller = new RunController[1];
      String target;
      try {
        target = TargetResolver.resolve(folder, graph, Optional.of(command.target()));
      } catch (UnknownTargetException e) {
        err.println(TerminalText.escape("hotlsp: " + e.getMessage()));
        return 2;
      }
      try (var loop = new RebuildLoop(config.withTargets(List.of(target)), go, graph,
          new BuildErrors(err, r -> controller[0].built(r)))) {
        var specs = new RunSpecs(options);
        // a crash is also told as the compiler tells an error: FILE:LINE:COL on the user's own line
        var events = CrashReports.watching(terminal, folder, loop::graph, specs.limits().memoryBytes(),
            findings -> report(findings, folder), log);
        try (var runs = new RunController(folder, loop::graph, (t, reason) -> loop.build(Set.of(t), reason), sandbox,
            specs, events, command.watch())) {
          controller[0] = runs;
          // Ctrl-\ asks the program for its goroutine dump (mapped as hang findings) and ends with it
          var quit = new CompletableFuture<Integer>();
          try (var ctrlBackslash = TerminalQuit.watch(launcher, () -> runs.dump(Optional.empty(), false)
              .thenAccept(ended -> quit.complete(ended.isEmpty() ? SIGQUIT_EXIT : exitCode(ended.get(0)))), log)) {
            return command.watch() ? watch(workspace, loop, runs, target, command, quit)
                : once(runs, target, command, terminal, quit);
          }
        }
      }
    } catch (IOException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getMessage()));
      return 2;
    } catch (GraphLoadException e) {
      err.println(TerminalText.escape("hotlsp: cannot load the packages of " + folder + ": " + e.stderr().strip()));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (ExecutionException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getCause().getMessage()));
      return 2;
    }
  }

  /** Runs the target once: its exit code, or Ctrl-\'s when nothing was running yet. */
  private int once(RunController runs, String target, RunCommandOptions command, TerminalRunEvents terminal,
      CompletableFuture<Integer> quit) throws IOException, InterruptedException, ExecutionException {
    var started = runs.run(target, command.args(), Map.of());
    CompletableFuture.anyOf(started, quit).exceptionally(e -> null).get();
    if (!started.isDone()) {
      return quit.get();
    }
    try {
      started.get();
    } catch (ExecutionException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getCause().getMessage()));
      if (e.getCause() instanceof RunFailedException f && f.sandboxFailed()) {
        err.println("hotlsp: sandbox-error exit=125 wall=0ms cpu=0ms peak=0KiB truncated=0");
        return 125;
      }
      return 2;
    }
    var result = terminal.firstEnd().get();
    if (command.report().isPresent()) {
      Files.writeString(command.report().get(), RunMessages.ended(result) + "\n", StandardCharsets.UTF_8);
    }
    return exitCode(result);
  }

  /**
   * Watches the workspace and keeps the target running until HotLSP is interrupted, or until Ctrl-\
   * has dumped the program (then with its exit code).
   */
  private int watch(GoWorkspace workspace, RebuildLoop loop, RunController runs, String target,
      RunCommandOptions command, CompletableFuture<Integer> quit) throws IOException, InterruptedException {
    try (var scheduler = new ExecutorScheduler("hotlsp-watch");
        var watcher = WorkspaceWatcher.start(new WatchConfig(workspace.watchRoots(), List.of(),
            WatchConfig.DEFAULT_DEBOUNCE), scheduler, loop)) {
      runs.run(target, command.args(), Map.of()).exceptionally(e -> null);
      try {
        return quit.get(); // or until SIGINT/SIGTERM: the shutdown hook stops every child
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Prints crash findings on stderr, paths relative to the folder (as {@code hotlsp crash} does). */
  private void report(List<Finding> findings, Path folder) {
    Path base;
    try {
      base = folder.toRealPath();
    } catch (IOException e) {
      base = folder;
    }
    var text = FindingsReport.text(findings, base);
    synchronized (err) {
      err.print(text);
      err.flush();
    }
  }

  /** The exit code after Ctrl-\ when no program was running: a shell's for death by SIGQUIT. */
  private static final int SIGQUIT_EXIT = 128 + 3;

  /** The exit code for {@code result}: the program's, 128+N for a signal, 124 timeout, 125 sandbox error. */
  static int exitCode(RunResult result) {
    if (result.reason() == EndReason.TIMEOUT) {
      return 124;
    }
    if (result.reason() == EndReason.SANDBOX_ERROR) {
      return 125;
    }
    return result.signal().isPresent() ? 128 + result.signal().getAsInt() : result.exitCode();
  }

  /** Prints build errors on stderr and hands each result on. */
  private record BuildErrors(PrintStream err, Consumer<BuildResult> next) implements BuildListener {
    @Override
    public void buildStarted(BuildStarted started) {}

    @Override
    public void buildFinished(BuildResult result) {
      synchronized (err) {
        result.errors().forEach(e -> err.println(
            TerminalText.escape(e.file() + ":" + e.line() + ":" + e.column() + ": " + e.message())));
        if (!result.ok()) {
          err.println(TerminalText.escape("hotlsp: the build of " + result.target() + " failed"));
        }
      }
      next.accept(result);
    }
  }
}
