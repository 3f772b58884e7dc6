package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs built programs in the sandbox of their isolation level ({@link SandboxCommand}), each in a
 * cgroup of its own under HotLSP's ({@code hotlsp/<pid>/<runId>}, where the machine allows), with
 * its limits, its output drained and capped, a wall-clock timeout, and its end read from the
 * kernel. Every process goes through the {@link ProcessLauncher} (so it dies with HotLSP), and the
 * launcher's watchdog empties a run's cgroup if HotLSP dies. A run's private files (a copy of the
 * binary for uid 65534, GNU time's figures) live in a directory of its own in {@code runRoot}
 * ({@link OwnedDirs}), removed at its end, or by the next runner if HotLSP died.
 * Thread-safe.
 */
public final class Runner implements AutoCloseable {
  /** The start of each run's directory name in {@code runRoot}. */
  static final String RUN_DIR = "run-";
  private static final System.Logger LOG = System.getLogger(Runner.class.getName());
  /** How long a gated start waits for its sandbox to reach the gate (a slow sandbox start still works, later). */
  static final java.time.Duration GATE_PATIENCE = java.time.Duration.ofSeconds(2);

  private final ProcessLauncher launcher;
  private final SandboxProbe probe;
  private final Path runRoot;
  private final Clock clock;
  private final Map<String, String> env;
  private final AtomicLong sequence = new AtomicLong();
  private final OwnedDirs owned = OwnedDirs.ofThisProcess();
  private final java.util.concurrent.atomic.AtomicBoolean swept = new java.util.concurrent.atomic.AtomicBoolean();
  private final String instance = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  private final Set<RunningProgram> live = ConcurrentHashMap.newKeySet();
  private final Set<Isolation> told = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicBoolean parentsGuarded = new java.util.concurrent.atomic.AtomicBoolean();
  private final ExecutorService ender = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().name("hotlsp-run-end").unstarted(r));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("hotlsp-run-timer").unstarted(r));

  /** A runner whose {@code local} runs get HotLSP's own environment. */
  public Runner(ProcessLauncher launcher, SandboxProbe probe, Path runRoot, Clock clock) {
    this(launcher, probe, runRoot, clock, System.getenv());
  }

  /** {@code env}: the environment a {@code local} run starts from (isolated runs take an allow-list of it). */
  public Runner(ProcessLauncher launcher, SandboxProbe probe, Path runRoot, Clock clock, Map<String, String> env) {
    this.launcher = launcher;
    this.probe = probe;
    this.runRoot = runRoot;
    this.clock = clock;
    this.env = Map.copyOf(env);
  }

  /**
   * Starts {@code spec}; returns once its process has started. The listener gets its output as it
   * arrives and its end once.
   *
   * @throws SandboxUnavailableException when the level cannot be set up here (gvisor without runsc,
   *     a cgroup that cannot be made)
   * @throws IOException when the program cannot be started
   */
  public RunningProgram start(RunSpec spec, RunListener listener) throws IOException {
    return start(spec, listener, CompletableFuture.completedFuture(null));
  }

  /**
   * Starts {@code spec}'s sandbox now and its program once {@code gate} completes (normally or
   * not); returns once the whole sandbox is set up and waits at its gate (or after {@link
   * #GATE_PATIENCE}): the wrappers (process start, cgroup join, limits, bwrap's namespaces) run
   * while, say, the run it replaces still serves, and only the program's own exec is left for after
   * the gate. Its start time, wall clock and timeout count from the gate.
   */
  public RunningProgram start(RunSpec spec, RunListener listener, CompletableFuture<Void> gate) throws IOException {
    if (spec.isolation() == Isolation.GVISOR && probe.runsc().isEmpty()) {
      throw new SandboxUnavailableException(spec.isolation(), "gvisor isolation needs runsc, which is not installed (apt-get install runsc), or use --isolation isolated");
    }
    if (!Files.isRegularFile(spec.binary()) || !Files.isExecutable(spec.binary())) {
      throw new java.nio.file.NoSuchFileException(spec.binary().toString(), null, "not an executable file");
    }
    tellOnce(spec.isolation());
    String runId = sequence.incrementAndGet() + "-" + instance;
    Files.createDirectories(runRoot);
    if (swept.compareAndSet(false, true)) { // a HotLSP killed while a program ran left its files behind
      owned.sweep(runRoot, RUN_DIR);
    }
    var runDir = owned.create(runRoot, RUN_DIR);
    Optional<RunCgroup> cgroup = Optional.empty();
    boolean started = false;
    try {
      boolean isolated = spec.isolation() != Isolation.LOCAL;
      if (isolated) { // made private (0700); uid 65534 may pass through to what it is given
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx--x--x"));
      }
      boolean switchUid = isolated && probe.nobody() && SandboxCommand.reachableByOthers(runDir);
      Path program = switchUid || spec.isolation() == Isolation.GVISOR ? privateCopy(spec.binary(), runDir) : spec.binary();
      boolean gvisor = spec.isolation() == Isolation.GVISOR;
      if (isolated && (!probe.bwrap() || gvisor)) {
        var dirs = gvisor ? List.of(SandboxCommand.work(runDir), SandboxCommand.runscTemp(runDir)) : List.of(SandboxCommand.work(runDir));
        for (var dir : dirs) { // gvisor: the program's working directory, and runsc's own (it makes its bundle there)
          Files.createDirectory(dir);
          if (switchUid) {
            Files.setAttribute(dir, "unix:uid", SandboxProbe.NOBODY);
            Files.setAttribute(dir, "unix:gid", SandboxProbe.NOBODY);
          }
        }
      }
      if (probe.cgroups().isPresent()) {
        try {
          cgroup = Optional.of(probe.cgroups().get().create(ProcessHandle.current().pid(), runId));
          cgroup.get().limit(spec.limits().memoryBytes(), spec.limits().pids());
        } catch (IOException e) {
          throw new SandboxUnavailableException(spec.isolation(), "cannot make the run's cgroup: " + e.getMessage(), e);
        }
        if (parentsGuarded.compareAndSet(false, true)) {
          // HotLSP's hotlsp/<pid> directories go when it ends, even if this runner is never closed
          cgroup.get().dirs().forEach(dir -> launcher.guardCgroup(dir.getParent()));
        }
        cgroup.get().dirs().forEach(launcher::guardCgroup);
      }
      var command = SandboxCommand.of(new SandboxCommand.Inputs(spec, program, runDir, cgroup, probe.bwrap(),
          probe.root(), switchUid, probe.prlimit(), probe.gnuTime(), probe.runsc(), env));
      ChildProcess child = launcher.start(command.command());
      var run = new RunningProgram(new RunStarted(runId, spec.target(), spec.binary(), spec.isolation(), child.pid(), clock.instant()),
          spec, child, cgroup, launcher, clock);
      live.add(run);
      started = true;
      var finalCgroup = cgroup;
      var timeout = new CompletableFuture<java.util.concurrent.ScheduledFuture<?>>();
      gate.whenComplete((v, e) -> {
        run.release(); // the gate's shell reads end of file and execs the program
        spec.limits().timeout().ifPresent(t -> timeout.complete(
            timer.schedule(() -> ender.execute(() -> run.stop(EndReason.TIMEOUT)), t.toMillis(), TimeUnit.MILLISECONDS)));
      });
      run.pump(listener, ender, command.usesGnuTime() ? Optional.of(SandboxCommand.rusageFile(runDir)) : Optional.empty(),
          cgroupRemoved -> {
            timeout.thenAccept(t -> t.cancel(false));
            live.remove(run);
            if (cgroupRemoved) {
              finalCgroup.ifPresent(cg -> cg.dirs().forEach(launcher::releaseCgroup));
            }
            FileTrees.delete(runDir);
          });
      if (!gate.isDone() && !run.awaitGate(gate, GATE_PATIENCE)) {
        LOG.log(System.Logger.Level.DEBUG, "run " + runId + ": its gate shell was not seen waiting");
      }
      return run;
    } finally {
      if (!started) {
        cgroup.ifPresent(cg -> {
          cg.killAll(java.time.Duration.ofSeconds(5));
          cg.remove();
          cg.dirs().forEach(launcher::releaseCgroup);
        });
        FileTrees.delete(runDir);
      }
    }
  }

  /** The programs running now. */
  public List<RunningProgram> running() {
    return List.copyOf(live);
  }

  /** Logs once per level what protection is missing on this machine (the proxy tells the user). */
  private void tellOnce(Isolation level) {
    if (told.add(level)) {
      for (var p : probe.protections(level)) {
        if (!p.active()) {
          LOG.log(System.Logger.Level.WARNING, "--isolation " + level.wireName() + ": no " + p.name() + ": " + p.reason()
              + (p.fix().isEmpty() ? "" : " (fix: " + p.fix() + ")"));
        }
      }
    }
  }

  /**
   * The binary where uid 65534 may read it: a hard link in the run's directory (the build's later
   * rename leaves it alone), or a copy across file systems.
   */
  private static Path privateCopy(Path binary, Path runDir) throws IOException {
    var copy = runDir.resolve("program");
    try {
      Files.createLink(copy, binary);
      if (!Files.getPosixFilePermissions(copy).containsAll(EnumSet.of(
          java.nio.file.attribute.PosixFilePermission.OTHERS_READ, java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE))) {
        Files.delete(copy);
        throw new IOException("not readable by others");
      }
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(binary, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    return copy;
  }


  /** Stops every running program (STOPPED), then removes HotLSP's cgroup parents. */
  @Override
  public void close() {
    var stops = new ArrayList<Thread>();
    for (var run : List.copyOf(live)) {
      stops.add(Thread.ofPlatform().daemon().name("hotlsp-run-stop").start(() -> run.stop(EndReason.STOPPED)));
    }
    for (var stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    probe.cgroups().ifPresent(h -> h.parents(ProcessHandle.current().pid()).forEach(parent -> {
      if (CgroupHierarchy.removeIfEmpty(parent) && parentsGuarded.get()) {
        launcher.releaseCgroup(parent);
      }
    }));
    timer.shutdownNow();
    ender.shutdown();
  }
}
