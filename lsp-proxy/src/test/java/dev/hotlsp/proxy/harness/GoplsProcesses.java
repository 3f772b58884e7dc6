package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The gopls processes a proxy under test runs, for tests that kill them: finds the one serving now
 * among the server's descendants (its telemetry child, also named gopls, has a gopls parent),
 * SIGKILLs it, remembers every gopls it has seen, and waits until none is left running.
 */
public final class GoplsProcesses {
  private static final String COMM = "gopls";

  private final Supplier<Stream<ProcessHandle>> descendants;
  private final Path workDir;
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();

  /**
   * @param descendants the processes the server under test started
   * @param workDir the server's working directory, which its gopls processes inherit
   */
  public GoplsProcesses(Supplier<Stream<ProcessHandle>> descendants, Path workDir) {
    this.descendants = descendants;
    try {
      this.workDir = workDir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The gopls processes of a fake editor's server; a subprocess server runs in the editor's
   * sandbox, so orphaned gopls processes are found there too.
   */
  public static GoplsProcesses of(FakeEditor editor) {
    return new GoplsProcesses(editor::serverDescendants, editor.sandbox().root());
  }

  /** The one live top-level gopls under the server; {@link AssertionError} unless there is exactly one. */
  public ProcessHandle current() {
    var all = live().stream().filter(p -> p.parent().filter(GoplsProcesses::isGopls).isEmpty()).toList();
    if (all.size() != 1) {
      throw new AssertionError("expected one gopls under the server, found " + all);
    }
    return all.get(0);
  }

  /** SIGKILLs the current gopls and waits until it has exited; returns it. */
  public ProcessHandle killCurrent(Duration timeout) throws InterruptedException {
    var gopls = current();
    if (!gopls.destroyForcibly()) {
      throw new AssertionError("SIGKILL to gopls " + gopls.pid() + " was refused");
    }
    try {
      gopls.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("gopls " + gopls.pid() + " did not exit after SIGKILL within " + timeout, e);
    }
    return gopls;
  }

  /**
   * Waits until every gopls seen so far, and every gopls running in the server's working
   * directory (orphans included), has exited; a zombie has.
   */
  public void awaitNoneLeft(Duration timeout) {
    live();
    Poll.until("no gopls process left", timeout, () -> leftOver().isEmpty(), () -> "still running: " + leftOver());
  }

  /** The gopls pids seen so far or running in the working directory that have not exited. */
  public List<Long> leftOver() {
    ProcStat.named(COMM, workDir).filter(ProcStat::live).forEach(p -> seen.add(p.pid()));
    return seen.stream().filter(pid -> ProcStat.isLive(pid, COMM)).sorted().toList();
  }

  /** How many distinct gopls processes have been seen. */
  public int seenCount() {
    return seen.size();
  }

  /** The live gopls processes under the server now, each remembered as seen. */
  private List<ProcessHandle> live() {
    var all = descendants.get().filter(GoplsProcesses::isGopls).toList();
    all.forEach(p -> seen.add(p.pid()));
    return all;
  }

  private static boolean isGopls(ProcessHandle p) {
    return p.isAlive()
        && ProcStat.isLive(p.pid(), COMM)
        && p.info().command().filter(c -> c.endsWith("/" + COMM)).isPresent();
  }
}
