package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.process.ChildProcess;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code go test} run under way: its {@link #result} completes when go has ended and its
 * output is read; {@link #stop} stops go and everything it started (test binaries and their
 * children included: {@link ChildProcess#stop} signals the process group and tree), and the
 * result then says {@code stopped}, with the packages that had ended and the rest {@link
 * PackageStatus#STOPPED}. Thread-safe.
 */
public final class RunningTests {
  private static final System.Logger LOG = System.getLogger(RunningTests.class.getName());

  private final ChildProcess child;
  private final Duration grace;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CompletableFuture<TestReport> result = new CompletableFuture<>();

  private RunningTests(ChildProcess child, Duration grace) {
    this.child = child;
    this.grace = grace;
  }

  /** Reads {@code child}'s stdout through {@code output} on a thread of its own; {@code cleanup} runs at the end. */
  static RunningTests start(ChildProcess child, GoTestOutput output, Clock clock, Instant began, Duration grace,
      Runnable cleanup) {
    var running = new RunningTests(child, grace);
    try {
      child.stdin().close();
    } catch (IOException e) {
      // go reads nothing
    }
    var stderr = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()));
    var reader = new Thread(() -> running.read(output, stderr, clock, began, cleanup), "go-test-" + child.pid());
    reader.setDaemon(true);
    reader.start();
    return running;
  }

  private void read(GoTestOutput output, CompletableFuture<String> stderr, Clock clock, Instant began,
      Runnable cleanup) {
    var packages = new ArrayList<PackageResult>();
    try (var in = new InputStreamReader(child.stdout(), StandardCharsets.UTF_8)) {
      var buffer = new char[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        packages.addAll(output.feed(java.nio.CharBuffer.wrap(buffer, 0, n)));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "reading go test's output: " + e);
    }
    try {
      int code = child.onExit().get();
      packages.addAll(output.finish(stopped.get()));
      String general = output.general() + stderr.get();
      result.complete(new TestReport(List.copyOf(packages), Duration.between(began, clock.instant()), stopped.get(),
          stopped.get() ? -1 : code, general));
    } catch (Exception e) {
      result.completeExceptionally(e);
    } finally {
      cleanup.run();
    }
  }

  /** The run's report, when go has ended. */
  public CompletableFuture<TestReport> result() {
    return result;
  }

  /** Stops go and every test binary it started; the result follows. Idempotent. */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      child.stop(grace);
    }
  }
}
