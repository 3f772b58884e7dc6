package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One running program and its end: {@link #stop} sends the stop signal to every process of the run
 * (not to the sandbox's own bwrap processes), waits the grace, SIGKILLs what is left, and returns
 * when all are gone; {@link #result} completes when the run has ended, its cgroup was emptied and
 * removed and both streams were drained. Thread-safe.
 */
public final class RunningProgram {
  private static final System.Logger LOG = System.getLogger(RunningProgram.class.getName());
  /** How long the end of a run waits for its last processes and its streams. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  /** Processes of the sandbox itself, which get no polite signal (they would kill the program at once). */
  private static final List<String> WRAPPERS = List.of("bwrap", "time", "runsc");

  private volatile RunStarted started;
  private final RunSpec spec;
  private final ChildProcess child;
  private final Optional<RunCgroup> cgroup;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final HeadTail stdout;
  private final HeadTail stderr;
  private final AtomicReference<EndReason> stopReason = new AtomicReference<>();
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private volatile boolean ended;

  RunningProgram(RunStarted started, RunSpec spec, ChildProcess child, Optional<RunCgroup> cgroup,
      ProcessLauncher launcher, Clock clock) {
    this.started = started;
    this.spec = spec;
    this.child = child;
    this.cgroup = cgroup;
    this.launcher = launcher;
    this.clock = clock;
    this.stdout = HeadTail.ofBudget(spec.limits().outputBytes() / 2);
    this.stderr = HeadTail.ofBudget(spec.limits().outputBytes() - spec.limits().outputBytes() / 2);
  }

  public RunStarted started() {
    return started;
  }

  /**
   * Lets the program start (the runner's gate): closes its stdin, at whose end of file the sandbox's
   * first shell execs the rest; its start time is now. Once; the program's stdin stays at end of file.
   */
  void release() {
    var s = started;
    started = new RunStarted(s.runId(), s.target(), s.binary(), s.isolation(), s.pid(), clock.instant());
    try {
      child.stdin().close();
    } catch (java.io.IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "run " + s.runId() + ": closing its stdin: " + e);
    }
  }

  /** Completes once, when the run has ended and every process of it is gone. */
  public CompletableFuture<RunResult> result() {
    return result;
  }

  /**
   * Completes when no process of the run is left (its cgroup emptied, or without a cgroup its first
   * process reaped), before its end is read: what a run that replaces it waits for (its port is free).
   */
  public CompletableFuture<Void> gone() {
    return gone;
  }

  public boolean isAlive() {
    return !result.isDone();
  }

  /**
   * The run's peak memory so far in KiB, the figure its {@link RunResult#peakRssKiB} will give: its
   * cgroup's peak; -1 where there is no cgroup (the end then has GNU time's figure) or once it ended.
   */
  public long peakKiB() {
    return cgroup.isPresent() && !result.isDone() ? cgroup.get().peakKiB() : -1;
  }

  /**
   * Starts draining both streams and waits, on {@code ender}, for the end (called once by the runner
   * right after the start). {@code rusage}: GNU time's output file where there is no cgroup; {@code
   * cleanup}: the runner's bookkeeping, told whether the cgroup was removed, run before the
   * listener hears of the end.
   */
  void pump(RunListener listener, java.util.concurrent.Executor ender, Optional<Path> rusage, java.util.function.Consumer<Boolean> cleanup) {
    RunListener gated = new RunListener() {
      @Override
      public void output(String runId, StdStream stream, byte[] bytes, int len) {
        if (!ended) {
          listener.output(runId, stream, bytes, len);
        }
      }

      @Override
      public void ended(RunResult r) {}
    };
    var out = OutputPump.start(started.runId(), StdStream.STDOUT, child.stdout(), stdout, gated);
    var err = OutputPump.start(started.runId(), StdStream.STDERR, child.stderr(), stderr, gated);
    var exited = child.onExit();
    // on the thread that saw the exit, one hop before finish: a restart's gate opens as soon as the
    // run's cgroup is empty (without a cgroup, finish decides, after the launcher ended the group)
    cgroup.ifPresent(cg -> exited.thenRun(() -> {
      if (cg.pids().isEmpty()) {
        gone.complete(null);
      }
    }));
    exited.thenAcceptAsync(code -> finish(code, out, err, rusage, cleanup, listener), ender);
  }

  /**
   * Waits until the sandbox is set up and its gate shell waits for its stdin (every wrapper before
   * the program has run), up to {@code patience} or until {@code gate} is open; false if it ended or
   * did not get there. Cheap: walks the run's few processes by /proc's children lists, every 0.5 ms.
   */
  boolean awaitGate(CompletableFuture<Void> gate, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (child.isAlive() && !gate.isDone()) {
      if (GateShell.waitingUnder(child.pid())) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(500_000);
    }
    return false;
  }

  private void finish(int code, OutputPump out, OutputPump err, Optional<Path> rusage, java.util.function.Consumer<Boolean> cleanup, RunListener listener) {
    long wallMs = Math.max(0, Duration.between(started.startedAt(), clock.instant()).toMillis());
    long exitAt = System.nanoTime();
    long cpuMs = -1;
    long peakKiB = -1;
    long oomKills = 0;
    boolean removed = true;
    try {
      if (cgroup.isPresent()) {
        // what the program left behind goes with it (the launcher does the same for a process group)
        killAll();
        gone.complete(null);
        cpuMs = cgroup.get().cpuMs();
        peakKiB = cgroup.get().peakKiB();
        oomKills = cgroup.get().oomKills();
        if (!cgroup.get().remove()) {
          LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": its cgroup stays busy; the watchdog removes it when HotLSP ends");
          removed = false;
        }
      } else if (rusage.isPresent()) {
        var figures = Rusage.read(rusage.get());
        cpuMs = figures.cpuMs();
        peakKiB = figures.peakKiB();
      }
      gone.complete(null); // without a cgroup: its first process is reaped, the launcher ends its group
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      boolean drained = out.join(PATIENCE.toMillis()) & err.join((deadline - System.nanoTime()) / 1_000_000);
      if (!drained) {
        LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": a process outside the run still holds its output");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": reading its end failed", e);
    } finally {
      gone.complete(null);
      cleanup.accept(removed);
    }
    var signal = signalOf(code);
    var reason = EndClassifier.reason(new EndClassifier.Facts(code, signal, stopReason(), oomKills,
        spec.limits().cpuSeconds(), cpuMs, stderr.head(), stderr.tail()));
    var r = new RunResult(started.runId(), started.target(), code, signal, reason, wallMs, cpuMs, peakKiB,
        stdout.dropped() + stderr.dropped(), stdout.head(), stdout.tail(), stderr.head(), stderr.tail());
    ended = true;
    LOG.log(System.Logger.Level.DEBUG, () -> "phase ended: run " + started.runId() + ": its end read in "
        + (System.nanoTime() - exitAt) / 1_000_000 + " ms after its exit");
    try {
      listener.ended(r);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": the listener failed on its end", e);
    }
    result.complete(r);
  }

  /**
   * Stops the run ({@link EndReason#STOPPED}, {@link EndReason#KILLED_BY_RESTART} or {@link
   * EndReason#TIMEOUT}): the stop signal to every process of the run, the grace, SIGKILL; returns
   * when every process of the run is gone (at once if it had already ended).
   */
  public void stop(EndReason why) {
    if (result.isDone()) {
      return;
    }
    if (child.isAlive()) {
      // a program that already ended by itself keeps its own reason
      stopReason.compareAndSet(null, why);
    }
    signal(spec.stopSignal());
    try {
      child.onExit().get(spec.grace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      killAll();
    } catch (java.util.concurrent.ExecutionException e) {
      killAll();
    } catch (InterruptedException e) {
      killAll();
      Thread.currentThread().interrupt();
      return;
    }
    try {
      result.get(PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + " did not end in time: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks the program for a goroutine dump: SIGQUIT to every process of the run, on which Go prints
   * every goroutine's stack and exits with status 2. The run ends by itself; nothing waits here.
   */
  public void dump() {
    if (!result.isDone()) {
      signal("QUIT");
    }
  }

  /** SIGKILL to every process of the run, until none is left (the cgroup), or to its group and tree. */
  void killAll() {
    if (cgroup.isPresent()) {
      if (!cgroup.get().killAll(PATIENCE)) {
        LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": tasks left in its cgroup after SIGKILL");
      }
    } else {
      child.kill();
    }
  }

  /**
   * The pid of a process of the program (not of the sandbox's wrappers) while it runs, as the host
   * sees it: the way into the program's namespaces (an {@code isolated} run has its own network
   * namespace, which a probe enters to reach its loopback).
   */
  public Optional<Long> programPid() {
    return result.isDone() ? Optional.empty() : programProcesses().stream().map(ProcessHandle::pid).min(Long::compare);
  }

  /**
   * The processes of the run that are the program's (not the sandbox's wrappers); under gvisor,
   * where the program is no process of the host, the outermost {@code runsc}, which passes the
   * signal on to the program in the sandbox.
   */
  private List<ProcessHandle> programProcesses() {
    if (spec.isolation() == Isolation.GVISOR) {
      return ProcessHandle.of(child.pid()).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
          .filter(h -> runsc(h) && !h.parent().map(RunningProgram::runsc).orElse(false)).toList();
    }
    Stream<ProcessHandle> all = cgroup.isPresent()
        ? cgroup.get().pids().stream().map(ProcessHandle::of).flatMap(Optional::stream)
        : ProcessHandle.of(child.pid()).stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()));
    return all.filter(h -> !wrapper(h)).toList();
  }

  private static boolean runsc(ProcessHandle h) {
    return h.info().command().orElse("").endsWith("/runsc");
  }

  private static boolean wrapper(ProcessHandle h) {
    var command = h.info().command().orElse("");
    return WRAPPERS.stream().anyMatch(w -> command.equals("/usr/bin/" + w) || command.endsWith("/" + w));
  }

  private void signal(String name) {
    var targets = programProcesses();
    if (targets.isEmpty()) {
      return;
    }
    if (name.equals("TERM")) {
      targets.forEach(ProcessHandle::destroy);
      return;
    }
    var command = new ArrayList<>(List.of("/bin/kill", "-s", name));
    targets.forEach(h -> command.add(Long.toString(h.pid())));
    try {
      launcher.start(new CommandSpec(command, Map.of("PATH", "/usr/bin:/bin"), Path.of("/"))).onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "run " + started.runId() + ": cannot send SIG" + name + ": " + e);
    }
  }

  /** The reason a stop gave, if the runner stopped the run. */
  private Optional<EndReason> stopReason() {
    return Optional.ofNullable(stopReason.get());
  }

  /** Signal N for exit code 128+N (how Java and bwrap report a death by signal). */
  static OptionalInt signalOf(int code) {
    return code > 128 && code <= 128 + 64 ? OptionalInt.of(code - 128) : OptionalInt.empty();
  }
}
