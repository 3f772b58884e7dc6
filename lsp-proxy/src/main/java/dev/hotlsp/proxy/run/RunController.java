package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.run.EndReason;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.RunningProgram;
import dev.hotlsp.bridge.run.StdStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Hot restart for one workspace folder: which targets run, and when each is started, replaced or
 * left alone. An actor: every event (a build result, a command, a run's end) is handled in turn on
 * its own thread. A running target is replaced only by a successful build whose binary changed;
 * the old instance is stopped (stop signal to its tree, grace, SIGKILL) and gone before the new one
 * starts: the new run's whole sandbox is set up first and held at its gate, then the old one
 * stops, so the port is down only for the old program's exit and the new one's own start. A target that crashes is started again, unless it died within 1 s of its start three
 * times in a row ({@link CrashLoopGuard}): then it waits for the next change. One that exits 0, or
 * is ended by a limit, stays ended until the next change.
 */
public final class RunController implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RunController.class.getName());
  /** Starts a program in the sandbox ({@code Runner::start}). */
  @FunctionalInterface
  public interface Launch {
    RunningProgram start(RunSpec spec, RunListener listener) throws IOException;

    /**
     * Starts the sandbox now and the program once {@code gate} completes ({@code Runner::start}
     * with a gate). This default, for launchers whose programs are no processes, starts at once.
     */
    default RunningProgram start(RunSpec spec, RunListener listener, CompletableFuture<Void> gate) throws IOException {
      return start(spec, listener);
    }
  }

  /** Asks the folder's rebuild loop to build one target now. */
  @FunctionalInterface
  public interface Builds {
    void build(String target, String reason);
  }

  private final Path folder;
  private final Supplier<ImportGraph> graph;
  private final Builds builds;
  private final Launch launch;
  private final RunSpecs specs;
  private final RunEvents events;
  private final ExecutorService actor;
  private final Map<String, Target> targets = new TreeMap<>();
  /** Runs the controller stopped and reported, whose {@link #exited} is still to come. */
  private final Set<String> reported = new HashSet<>();
  private final boolean restartCrashed;
  private boolean closed;

  /** One target's wishes and state; touched only on the actor's thread. */
  private static final class Target {
    final String importPath;
    final CrashLoopGuard guard = new CrashLoopGuard();
    boolean wanted;
    boolean building;
    List<String> args = List.of();
    Map<String, String> env = Map.of();
    Optional<Path> binary = Optional.empty();
    RunningProgram program;
    /** Its last run ended by itself (not stopped, replaced or started again after a crash). */
    boolean endedByItself;
    /** Its running program was asked for a goroutine dump; start it again when it has ended. */
    boolean dumpedToRestart;
    final List<CompletableFuture<RunStarted>> waiting = new ArrayList<>();
    /** Dumps asked of the running program, completed once its end is reported. */
    final List<CompletableFuture<RunResult>> dumps = new ArrayList<>();

    Target(String importPath) {
      this.importPath = importPath;
    }
  }

  /**
   * @param restartCrashed start a crashed program again ({@code serve}, {@code run --watch}); a
   *     one-shot {@code hotlsp run} does not
   */
  public RunController(Path folder, Supplier<ImportGraph> graph, Builds builds, Launch launch, RunSpecs specs,
      RunEvents events, boolean restartCrashed) {
    this.restartCrashed = restartCrashed;
    this.folder = folder;
    this.graph = graph;
    this.builds = builds;
    this.launch = launch;
    this.specs = specs;
    this.events = events;
    this.actor = Executors.newSingleThreadExecutor(r -> {
      var t = new Thread(r, "hotlsp-run-" + folder.getFileName());
      t.setDaemon(true);
      return t;
    });
  }

  public Path folder() {
    return folder;
  }

  /** The import path {@code name} denotes here (empty: the only main package); see {@link TargetResolver}. */
  public String resolve(Optional<String> name) throws UnknownTargetException {
    return TargetResolver.resolve(folder, graph.get(), name);
  }

  /** The folder's main packages. */
  public java.util.Set<String> mains() {
    return graph.get().commands();
  }

  /** Whether {@code importPath} is a main package of this folder. */
  public boolean owns(String importPath) {
    return graph.get().commands().contains(importPath);
  }

  /**
   * Runs {@code target} (an import path) with {@code args} and {@code env}: now if this session
   * built it, else after a build; a running instance is replaced. Completes once it has started.
   */
  public CompletableFuture<RunStarted> run(String target, List<String> args, Map<String, String> env) {
    return onActor(() -> {
      var t = target(target);
      t.wanted = true;
      t.args = List.copyOf(args);
      t.env = Map.copyOf(env);
      t.guard.reset();
      var started = new CompletableFuture<RunStarted>();
      t.waiting.add(started);
      if (t.binary.isPresent()) {
        replace(t, EndReason.KILLED_BY_RESTART);
      } else {
        requestBuild(t, "hotlsp.run");
      }
      return started;
    }).thenCompose(f -> f);
  }

  /** Stops {@code target}, or every running target; completes with the targets stopped, once they are gone. */
  public CompletableFuture<List<String>> stop(Optional<String> target) {
    return onActor(() -> {
      var stopped = new ArrayList<String>();
      for (var t : chosen(target)) {
        t.wanted = false;
        failWaiting(t, "stopped");
        if (t.program != null) {
          end(t, EndReason.STOPPED);
          stopped.add(t.importPath);
        }
      }
      return stopped;
    });
  }

  /**
   * Starts {@code target} (or every running target; none running: an empty list) again with the
   * binary it has; completes once started.
   */
  public CompletableFuture<List<RunStarted>> restart(Optional<String> target) {
    return onActor(() -> {
      var chosen = chosen(target);
      var all = new ArrayList<CompletableFuture<RunStarted>>();
      for (var t : chosen) {
        t.wanted = true;
        t.guard.reset();
        var started = new CompletableFuture<RunStarted>();
        t.waiting.add(started);
        all.add(started);
        if (t.binary.isPresent()) {
          replace(t, EndReason.KILLED_BY_RESTART);
        } else {
          requestBuild(t, "hotlsp.restart");
        }
      }
      return all;
    }).thenCompose(list -> CompletableFuture.allOf(list.toArray(CompletableFuture[]::new))
        .thenApply(v -> list.stream().map(CompletableFuture::join).toList()));
  }

  /**
   * Asks {@code target}'s program (or every running one) for a goroutine dump ({@link
   * RunningProgram#dump}: Go prints every goroutine and exits); with {@code again}, a program that
   * was running is started again once it has ended, so the session goes on. Completes with the
   * dumped runs' results once each has ended and been reported.
   */
  public CompletableFuture<List<RunResult>> dump(Optional<String> target, boolean again) {
    return onActor(() -> {
      var ends = new ArrayList<CompletableFuture<RunResult>>();
      for (var t : chosen(target)) {
        if (t.program != null) {
          t.dumpedToRestart = again && t.wanted;
          var program = t.program;
          var reported = new CompletableFuture<RunResult>();
          t.dumps.add(reported);
          program.dump();
          ends.add(reported);
        }
      }
      return ends;
    }).thenCompose(list -> CompletableFuture.allOf(list.toArray(CompletableFuture[]::new))
        .thenApply(v -> list.stream().map(CompletableFuture::join).toList()));
  }

  /** The running targets. */
  public CompletableFuture<List<RunningProgram>> status() {
    return onActor(() -> targets.values().stream().filter(t -> t.program != null)
        .map(t -> t.program).toList());
  }

  /** {@code --run}: run {@code target} from now on, once its first build succeeds. */
  public void want(String target) {
    onActor(() -> {
      var t = target(target);
      t.wanted = true;
      requestBuild(t, "run target");
      return null;
    });
  }

  /** A build of the rebuild loop finished (any thread). */
  public void built(BuildResult result) {
    onActor(() -> {
      var t = targets.get(result.target());
      if (t == null) {
        return null;
      }
      t.building = false;
      if (!result.ok()) {
        failWaiting(t, "the build of " + t.importPath + " failed with " + result.errors().size()
            + " error(s)" + (t.program != null ? "; the running instance keeps running" : ""));
        return null;
      }
      t.binary = Optional.of(result.binary());
      if (result.binaryChanged()) {
        t.guard.reset();
      }
      if (!t.wanted) {
        return null;
      }
      if (t.program == null) {
        if (!t.waiting.isEmpty() || (!t.guard.held() && (specs.rerunExited() || !t.endedByItself))) {
          start(t);
        }
      } else if (result.binaryChanged()) {
        replace(t, EndReason.KILLED_BY_RESTART);
      } else {
        t.waiting.forEach(w -> w.complete(t.program.started()));
        t.waiting.clear();
      }
      return null;
    });
  }

  /** Stops every run of the folder and the actor; returns when they are gone. */
  @Override
  public void close() {
    var done = onActor(() -> {
      closed = true;
      for (var t : targets.values()) {
        failWaiting(t, "HotLSP is stopping");
        if (t.program != null) {
          end(t, EndReason.STOPPED);
        }
      }
      return null;
    });
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
      // already closed
    }
    actor.shutdown();
  }

  private Target target(String importPath) {
    return targets.computeIfAbsent(importPath, Target::new);
  }

  private List<Target> chosen(Optional<String> target) {
    if (target.isPresent()) {
      return List.of(target(target.get()));
    }
    return targets.values().stream().filter(t -> t.program != null).toList();
  }

  private void requestBuild(Target t, String reason) {
    if (!t.building) {
      t.building = true;
      builds.build(t.importPath, reason);
    }
  }

  /** Stops the running instance (if any) and starts the binary again. */
  private void replace(Target t, EndReason why) {
    if (t.program == null) {
      start(t);
      return;
    }
    start(t, why);
  }

  /** Stops {@code t}'s program, waits until it is gone and reports its end. */
  private void end(Target t, EndReason why) {
    var program = t.program;
    t.program = null;
    t.dumpedToRestart = false;
    program.stop(why);
    var result = program.result().join();
    reported.add(result.runId()); // exited() will see it and not report it again
    events.ended(result);
    t.dumps.forEach(d -> d.complete(result));
    t.dumps.clear();
  }

  private void start(Target t) {
    start(t, null);
  }

  /**
   * Starts {@code t}'s binary; with {@code replacing}, its sandbox starts first, held at its gate
   * until the running instance, stopped for that reason, is gone.
   */
  private void start(Target t, EndReason replacing) {
    if (closed) {
      return;
    }
    var spec = specs.spec(t.importPath, t.binary.orElseThrow(), t.args, t.env, folder);
    var gate = new CompletableFuture<Void>();
    if (replacing != null && t.program != null) {
      t.program.gone().thenRun(() -> gate.complete(null)); // its port is free: the new program may start
    }
    RunningProgram launched = null;
    Exception failed = null;
    long startAt = System.nanoTime();
    // the new program may print as soon as the old one is gone: its output waits until its start is told
    var announced = new CompletableFuture<Void>();
    try {
      launched = replacing == null ? launch.start(spec, listener(t, announced))
          : launch.start(spec, listener(t, announced), gate);
    } catch (IOException | RuntimeException e) {
      failed = e;
    } finally {
      if (replacing != null && t.program != null) {
        try {
          long stopAt = System.nanoTime();
          var old = t.program.started().runId();
          end(t, replacing);
          LOG.log(System.Logger.Level.DEBUG, () -> "phase stopped: run " + old + " gone after "
              + (System.nanoTime() - stopAt) / 1_000_000 + " ms");
        } finally {
          gate.complete(null);
        }
      }
      gate.complete(null);
    }
    try {
      if (failed != null) {
        throw failed;
      }
      var program = launched;
      LOG.log(System.Logger.Level.DEBUG, () -> "phase started: run " + program.started().runId() + " in "
          + (System.nanoTime() - startAt) / 1_000_000 + " ms");
      t.program = program;
      t.endedByItself = false;
      var started = program.started();
      events.started(started);
      announced.complete(null);
      t.waiting.forEach(w -> w.complete(started));
      t.waiting.clear();
      program.result().thenAccept(result -> onActor(() -> {
        exited(t, program, result);
        return null;
      }));
    } catch (Exception e) {
      announced.complete(null);
      events.warn("HotLSP could not start " + t.importPath + ": " + e.getMessage());
      t.waiting.forEach(w -> w.completeExceptionally(
          new RunFailedException("could not start " + t.importPath + ": " + e.getMessage(), e)));
      t.waiting.clear();
    }
  }

  /**
   * {@code t}'s run's listener: its output goes on once {@code announced} (the run's
   * {@code hotlsp/runStarted}, after the end of the run it replaces), so an editor never sees a
   * run's output before its start; the pump thread waits meanwhile (milliseconds).
   */
  private RunListener listener(Target t, CompletableFuture<Void> announced) {
    return new RunListener() {
      @Override
      public void output(String runId, StdStream stream, byte[] bytes, int len) {
        announced.join();
        events.output(runId, t.importPath, stream, bytes, len);
      }

      @Override
      public void ended(RunResult result) {
        // reported from result() on the actor, in order with the controller's own stops
      }
    };
  }

  /** A program ended by itself (or by a limit): report it, and start it again if it crashed. */
  private void exited(Target t, RunningProgram program, RunResult result) {
    if (reported.remove(result.runId())) {
      return; // stopped by the controller, which reported it
    }
    events.ended(result);
    if (t.program != program) {
      return;
    }
    t.program = null;
    t.dumps.forEach(d -> d.complete(result));
    t.dumps.clear();
    if (t.dumpedToRestart) {
      t.dumpedToRestart = false;
      if (t.wanted && !closed) {
        start(t); // the dump was asked for: not a crash to count
      }
      return;
    }
    t.endedByItself = true;
    if (!t.wanted || closed || !restartCrashed || result.reason() != EndReason.CRASHED) {
      return;
    }
    if (t.guard.ended(Duration.ofMillis(result.wallMs()))) {
      start(t);
    } else {
      events.crashLoop(t.importPath, t.importPath + " died within " + CrashLoopGuard.QUICK.toSeconds()
          + " s of its start " + CrashLoopGuard.LIMIT + " times in a row (exit " + result.exitCode()
          + "); HotLSP starts it again after the next change, or when you run it again",
          () -> restart(Optional.of(t.importPath)));
    }
  }

  private void failWaiting(Target t, String why) {
    t.waiting.forEach(w -> w.completeExceptionally(new RunFailedException(why)));
    t.waiting.clear();
  }

  private <T> CompletableFuture<T> onActor(Callable<T> task) {
    var out = new CompletableFuture<T>();
    try {
      actor.execute(() -> {
        try {
          out.complete(task.call());
        } catch (Exception e) {
          out.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      out.completeExceptionally(new RunFailedException("HotLSP is stopping"));
    }
    return out;
  }
}
