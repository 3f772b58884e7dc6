package dev.hotlsp.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * The one-go-command-per-workspace policy with scripted lanes: each started command is a future the
 * test completes, and the owner's thread is a queue of tasks the test runs.
 */
class WorkspaceJobsTest {
  private final ArrayDeque<Runnable> ownerTasks = new ArrayDeque<>();
  private final WorkspaceJobs jobs = new WorkspaceJobs(ownerTasks::add);
  private final List<String> log = new ArrayList<>();

  /** A lane that records what it is told; at most {@code width} keys per command. */
  private final class Lane implements JobLane<String, String> {
    final String name;
    final int width;
    final BiPredicate<Set<String>, Set<String>> stale;
    final List<Started> started = new ArrayList<>();
    final Set<String> failing = new TreeSet<>();

    Lane(String name, int width, BiPredicate<Set<String>, Set<String>> stale) {
      this.name = name;
      this.width = width;
      this.stale = stale;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> next(SortedSet<String> queued) {
      return new TreeSet<>(queued.stream().limit(width).toList());
    }

    @Override
    public Job<String> start(SortedSet<String> keys) throws IOException {
      if (keys.stream().anyMatch(failing::contains)) {
        throw new IOException("no go");
      }
      var job = new Started(keys, new CompletableFuture<>());
      started.add(job);
      log.add(name + " started " + keys);
      return job;
    }

    @Override
    public boolean staleAfter(SortedSet<String> running, Set<String> requested) {
      return stale.test(running, requested);
    }

    @Override
    public void finished(SortedSet<String> keys, String outcome) {
      log.add(name + " finished " + keys + ": " + outcome);
    }

    @Override
    public void notStarted(SortedSet<String> keys, IOException failure) {
      log.add(name + " not started " + keys + ": " + failure.getMessage());
    }

    @Override
    public void failed(SortedSet<String> keys, Throwable failure) {
      log.add(name + " failed " + keys + ": " + failure.getMessage());
    }

    @Override
    public void stopped(SortedSet<String> keys) {
      log.add(name + " stopped " + keys);
    }

    Started last() {
      return started.get(started.size() - 1);
    }
  }

  /** One scripted go command. */
  private static final class Started implements Job<String> {
    final Set<String> keys;
    final CompletableFuture<String> outcome;
    boolean stopped;

    Started(Set<String> keys, CompletableFuture<String> outcome) {
      this.keys = keys;
      this.outcome = outcome;
    }

    @Override
    public CompletableFuture<String> outcome() {
      return outcome;
    }

    @Override
    public void stop() {
      stopped = true;
    }
  }

  private final Lane builds =
      new Lane("build", Integer.MAX_VALUE, (running, requested) -> !java.util.Collections.disjoint(running, requested));
  private final Lane tests = new Lane("test", Integer.MAX_VALUE, (running, requested) -> true);

  private void end(Started job, String outcome) {
    job.outcome.complete(outcome);
    while (!ownerTasks.isEmpty()) {
      ownerTasks.poll().run();
    }
  }

  @Test
  void oneCommandAtATimeAndADisjointRequestWaitsForTheRunningOne() {
    jobs.request(builds, Set.of("a"));
    jobs.request(builds, Set.of("b"));
    assertEquals(List.of("build started [a]"), log);
    end(builds.last(), "ok");
    assertEquals(List.of("build started [a]", "build finished [a]: ok", "build started [b]"), log);
    end(builds.last(), "ok");
    assertFalse(jobs.busy());
  }

  @Test
  void aRequestThatMakesTheRunningCommandStaleStopsItAndTheNextCoversBoth() {
    jobs.request(builds, Set.of("a"));
    var first = builds.last();
    jobs.request(builds, Set.of("a", "b"));
    assertTrue(first.stopped, "the running go command is stopped");
    assertEquals(List.of("build started [a]", "build stopped [a]", "build started [a, b]"), log);
    end(first, "late"); // the stopped command's outcome comes after all: dropped
    assertEquals(4 - 1, log.size());
    end(builds.last(), "ok");
    assertEquals("build finished [a, b]: ok", log.get(log.size() - 1));
  }

  @Test
  void aNewerTestRequestStopsTheRunningTestsAndReCoversTheUnion() {
    jobs.request(tests, Set.of("m/lib"));
    var first = tests.last();
    jobs.request(tests, Set.of("m/other"));
    assertTrue(first.stopped);
    assertEquals(Set.of("m/lib", "m/other"), tests.last().keys);
    end(first, "stale");
    end(tests.last(), "pass");
    assertEquals(
        List.of("test started [m/lib]", "test stopped [m/lib]", "test started [m/lib, m/other]",
            "test finished [m/lib, m/other]: pass"),
        log);
  }

  @Test
  void testsOfAChangeRunAfterItsBuild() {
    jobs.register(builds);
    jobs.request(builds, Set.of("m/cmd"));
    jobs.request(tests, Set.of("m/lib"));
    assertEquals(List.of("build started [m/cmd]"), log, "the tests wait for the build");
    end(builds.last(), "ok");
    assertEquals(List.of("build started [m/cmd]", "build finished [m/cmd]: ok", "test started [m/lib]"), log);
  }

  @Test
  void aBuildOfANewerChangeStopsRunningTestsWhichRunAgainAfterIt() {
    jobs.register(builds);
    jobs.request(tests, Set.of("m/lib"));
    var running = tests.last();
    jobs.request(builds, Set.of("m/cmd"));
    assertTrue(running.stopped, "a build never waits for the tests of an older change");
    jobs.request(tests, Set.of("m/app"));
    end(builds.last(), "ok");
    assertEquals(
        List.of("test started [m/lib]", "test stopped [m/lib]", "build started [m/cmd]",
            "build finished [m/cmd]: ok", "test started [m/app, m/lib]"),
        log);
  }

  @Test
  void aTestRequestWhileABuildRunsLeavesTheBuildAlone() {
    jobs.register(builds);
    jobs.request(builds, Set.of("m/cmd"));
    var build = builds.last();
    jobs.request(tests, Set.of("m/lib"));
    assertFalse(build.stopped);
  }

  @Test
  void aLaneCoversWhatItPicksAndTheRestFollows() {
    var narrow = new Lane("narrow", 1, (running, requested) -> false);
    jobs.request(narrow, Set.of("a", "b"));
    end(narrow.last(), "1");
    end(narrow.last(), "2");
    assertEquals(List.of("narrow started [a]", "narrow finished [a]: 1", "narrow started [b]",
        "narrow finished [b]: 2"), log);
  }

  @Test
  void aCommandThatCannotStartIsToldAndTheNextOneStarts() {
    var narrow = new Lane("narrow", 1, (running, requested) -> false);
    narrow.failing.add("a");
    jobs.request(narrow, Set.of("a", "b"));
    assertEquals(List.of("narrow not started [a]: no go", "narrow started [b]"), log);
  }

  @Test
  void aFailedCommandFreesTheWorkspaceForTheNext() {
    jobs.request(builds, Set.of("a"));
    jobs.request(builds, Set.of("b"));
    builds.last().outcome.completeExceptionally(new IllegalStateException("boom"));
    while (!ownerTasks.isEmpty()) {
      ownerTasks.poll().run();
    }
    assertEquals(List.of("build started [a]", "build failed [a]: boom", "build started [b]"), log);
  }

  @Test
  void stopAllStopsTheRunningCommandAndForgetsTheQueues() {
    jobs.request(builds, Set.of("a"));
    jobs.request(builds, Set.of("b"));
    var running = builds.last();
    jobs.stopAll();
    assertTrue(running.stopped);
    end(running, "late");
    assertEquals(List.of("build started [a]"), log);
    assertFalse(jobs.busy());
  }
}
