package dev.hotlsp.bridge.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started child process. {@link #stop(Duration)} is the one stop policy of HotLSP: polite
 * signal to the process and its descendants, a grace period, then SIGKILL. A child that leads its
 * own process group ({@link LocalProcessLauncher}) is signalled as a group too, through the
 * launcher's {@link ProcessWatchdog}, which reaches descendants that were reparented after their
 * parent died. Thread-safe.
 */
public final class ChildProcess {
  private final Process process;
  private final CommandSpec spec;
  private final Optional<ProcessWatchdog> group;

  ChildProcess(Process process, CommandSpec spec, Optional<ProcessWatchdog> group) {
    this.process = process;
    this.spec = spec;
    this.group = group;
  }

  /** Wraps an already started process (tests, or launchers of other kinds). */
  public static ChildProcess of(Process process, CommandSpec spec) {
    return new ChildProcess(process, spec, Optional.empty());
  }

  public CommandSpec spec() {
    return spec;
  }

  /** The OS process id, or -1 for a process without one. */
  public long pid() {
    try {
      return process.pid();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  public InputStream stdout() {
    return process.getInputStream();
  }

  public InputStream stderr() {
    return process.getErrorStream();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes with the exit code when the process has ended (128+N for signal N). */
  public CompletableFuture<Integer> onExit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /**
   * Asks the process and all its descendants to stop (SIGTERM), waits up to {@code grace}, then
   * kills whatever is left (SIGKILL). Returns once the process itself has ended.
   */
  public void stop(Duration grace) {
    var tree = tree();
    group.ifPresent(g -> g.terminate(process.pid()));
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(tree);
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      kill(tree);
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    group.ifPresent(g -> g.kill(process.pid()));
  }

  /**
   * Reads {@code in} (one of this process's output streams) to its end as UTF-8 text; what was
   * read before a failure if the stream breaks.
   */
  public static String readAll(InputStream in) {
    var buf = new java.io.ByteArrayOutputStream();
    try (in) {
      in.transferTo(buf);
    } catch (java.io.IOException e) {
      // the process died mid-stream: keep what arrived
    }
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Kills the process and its descendants at once (SIGKILL). */
  public void kill() {
    kill(tree());
  }

  private void kill(List<ProcessHandle> tree) {
    group.ifPresent(g -> g.kill(process.pid()));
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** The process and its descendants now; empty for processes that have no OS handle. */
  private List<ProcessHandle> tree() {
    try {
      return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    } catch (UnsupportedOperationException e) {
      return List.of();
    }
  }
}
