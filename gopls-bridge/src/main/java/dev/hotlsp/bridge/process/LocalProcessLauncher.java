package dev.hotlsp.bridge.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts processes on this machine so that none outlives HotLSP. On Linux each child is wrapped in
 * {@code setpriv --pdeathsig KILL -- setsid --}: it dies when HotLSP dies, even by SIGKILL (the
 * parent-death signal fires when the <em>thread</em> that forked the child ends, so every fork
 * happens on one long-lived thread owned by this launcher), and it leads a new session and process
 * group, which its own children (go's compile, gopls's go list) inherit. Each group is registered
 * with the launcher's {@link ProcessWatchdog}, which kills the groups left when HotLSP ends,
 * however it ends. Every child gets {@code TMPDIR} (and {@code GOTMPDIR}) set to one private
 * scratch directory of the launcher, removed when HotLSP ends (by {@link #close}, or by the
 * watchdog), so a go killed mid-build leaves no work directory or response file behind. {@link
 * #stopAll} stops every live child tree (the shutdown hook's path). Thread-safe.
 */
public final class LocalProcessLauncher implements ProcessLauncher, AutoCloseable {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path SHELL = Path.of("/bin/sh");
  private static final System.Logger LOG = System.getLogger(LocalProcessLauncher.class.getName());
  private static final Duration CLOSE_GRACE = Duration.ofMillis(500);

  private final boolean deathSignal;
  private final Optional<ProcessWatchdog> watchdog;
  private final Optional<Path> scratch;
  private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private final ExecutorService forker =
      Executors.newSingleThreadExecutor(
          r -> {
            var t = new Thread(r, "hotlsp-process-launcher");
            t.setDaemon(true);
            return t;
          });

  /** A launcher whose children's scratch directory is made in {@code java.io.tmpdir}. */
  public LocalProcessLauncher() {
    this(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A launcher whose children's scratch directory is made in {@code tempBase}. */
  public LocalProcessLauncher(Path tempBase) {
    this(Files.isExecutable(SETPRIV), ProcessWatchdog.start(SETSID, SHELL), scratchIn(tempBase));
  }

  /**
   * {@code watchdog}: when present, every child leads its own process group, registered there;
   * {@code scratch}: the children's TMPDIR, removed when HotLSP ends.
   */
  LocalProcessLauncher(boolean deathSignal, Optional<ProcessWatchdog> watchdog, Optional<Path> scratch) {
    this.deathSignal = deathSignal;
    this.watchdog = watchdog;
    this.scratch = scratch;
    scratch.ifPresent(dir -> watchdog.ifPresent(w -> w.scratch(dir)));
  }

  private static Optional<Path> scratchIn(Path base) {
    try {
      return Optional.of(Files.createTempDirectory(base, "hotlsp-"));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "no scratch directory in " + base + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The children's TMPDIR, if the launcher has one. */
  @Override
  public Optional<Path> scratch() {
    return scratch;
  }

  /** The watchdog's process id, if there is one. */
  public Optional<Long> watchdogPid() {
    return watchdog.map(ProcessWatchdog::pid);
  }

  @Override
  public ChildProcess start(CommandSpec spec) throws IOException {
    // the forked child never leads a group, so setsid execs in place: the group id is its pid
    var process = fork(spec, watchdog.isPresent(), true);
    var child = new ChildProcess(process, spec, watchdog);
    long group = process.pid();
    watchdog.ifPresent(w -> w.add(group));
    live.add(child);
    process
        .onExit()
        .thenRun(
            () -> {
              live.remove(child);
              // whatever the leader left in its group goes with it
              watchdog.ifPresent(w -> {
                w.kill(group);
                w.remove(group);
              });
            });
    return child;
  }

  @Override
  public Process startInHotLspGroup(CommandSpec spec) throws IOException {
    return fork(spec, false, false);
  }

  /**
   * Forks {@code spec} from the forking thread (parent-death signal where available), in a session
   * of its own or in HotLSP's; {@code scratchDir}: with the launcher's private TMPDIR and its output
   * kept, else its stderr discarded (a helper that prints nothing).
   */
  private Process fork(CommandSpec spec, boolean ownSession, boolean scratchDir) throws IOException {
    if (closing) {
      throw new IOException("HotLSP is stopping: not starting " + spec.display());
    }
    var command = new ArrayList<String>();
    if (deathSignal) {
      command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    if (ownSession) {
      command.addAll(List.of(SETSID.toString(), "--"));
    }
    command.addAll(spec.command());
    var builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    if (scratchDir) {
      scratch.ifPresent(dir -> {
        builder.environment().put("TMPDIR", dir.toString());
        builder.environment().put("GOTMPDIR", dir.toString());
      });
    } else {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    try {
      return forker.submit(builder::start).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        if (!java.nio.file.Files.isDirectory(spec.workingDirectory())) {
          // the JDK blames the first word of the command line (setpriv), not the directory
          throw new IOException("the working directory " + spec.workingDirectory() + " does not exist", io);
        }
        throw io;
      }
      throw new IllegalStateException("cannot start " + spec.display(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + spec.display(), e);
    }
  }

  @Override
  public void guardCgroup(Path dir) {
    watchdog.ifPresent(w -> w.addCgroup(dir));
  }

  @Override
  public void releaseCgroup(Path dir) {
    watchdog.ifPresent(w -> w.removeCgroup(dir));
  }

  @Override
  public boolean stopping() {
    return closing;
  }

  /**
   * Stops every live child tree at once ({@link ChildProcess#stop}: SIGTERM to each group and tree,
   * {@code grace}, SIGKILL) and starts no more; returns when they have ended.
   */
  public void stopAll(Duration grace) {
    closing = true;
    var stops = new ArrayList<Thread>();
    for (var child : List.copyOf(live)) {
      stops.add(Thread.ofPlatform().daemon().name("hotlsp-stop").start(() -> child.stop(grace)));
    }
    for (var stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops every live child tree, then lets the watchdog go (it kills any group still registered and
   * removes the scratch directory).
   */
  @Override
  public void close() {
    stopAll(CLOSE_GRACE);
    watchdog.ifPresentOrElse(ProcessWatchdog::close, () -> scratch.ifPresent(FileTrees::delete));
    forker.shutdownNow();
  }

}
