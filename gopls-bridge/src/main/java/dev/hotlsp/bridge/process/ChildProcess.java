package dev.hotlsp.bridge.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started child process. {@link #stop(Duration)} is the one stop policy of HotLSP: polite
 * signal to the process and its descendants, a grace period, then SIGKILL. Thread-safe.
 */
public final class ChildProcess {
  private final Process process;
  private final CommandSpec spec;

  ChildProcess(Process process, CommandSpec spec) {
    this.process = process;
    this.spec = spec;
  }

  /** Wraps an already started process (tests, or launchers of other kinds). */
  public static ChildProcess of(Process process, CommandSpec spec) {
    return new ChildProcess(process, spec);
  }

  public CommandSpec spec() {
    return spec;
  }

  public long pid() {
    return process.pid();
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
    var all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        all.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      all.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Kills the process and its descendants at once (SIGKILL). */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
