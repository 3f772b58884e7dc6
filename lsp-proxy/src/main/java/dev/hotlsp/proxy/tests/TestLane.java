package dev.hotlsp.proxy.tests;

import com.google.gson.JsonElement;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.bridge.jobs.Job;
import dev.hotlsp.bridge.jobs.JobLane;
import dev.hotlsp.proxy.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A folder's tests as a lane of its workspace's job runner (after the builds): one {@code go test}
 * of the queued packages that share a {@code -run} regex; any newer request makes the running one
 * stale (it is stopped, and the next covers its packages and the new ones). The {@code hotlsp.test}
 * answers wait here for the run that covers all their packages. Called on the folder's loop thread
 * only.
 */
final class TestLane implements JobLane<TestKey, TestReport> {
  /** A {@code hotlsp.test} waiting for a run that covers {@code keys}. */
  record Waiting(Set<TestKey> keys, CompletableFuture<JsonElement> answer) {}

  /** Makes a folder's run: its number, progress and sink. */
  @FunctionalInterface
  interface Runs {
    TestRun create(Path folder, String trigger, int packages, List<CompletableFuture<JsonElement>> answers);
  }

  /** The go test request of {@code packages} in {@code folder} with {@code run} ({@code ""}: all). */
  @FunctionalInterface
  interface Requests {
    dev.hotlsp.bridge.gotest.TestRequest of(Path folder, List<String> packages, String run);
  }

  private final Path folder;
  private final TestLauncher launcher;
  private final Requests requests;
  private final Runs runs;
  private final Log log;
  private final List<Waiting> waiting = new ArrayList<>();
  private TestRun current;

  TestLane(Path folder, TestLauncher launcher, Requests requests, Runs runs, Log log) {
    this.folder = folder;
    this.launcher = launcher;
    this.requests = requests;
    this.runs = runs;
    this.log = log;
  }

  /** {@code answer} waits for the run that covers {@code keys} (call before requesting them). */
  void await(Set<TestKey> keys, CompletableFuture<JsonElement> answer) {
    waiting.add(new Waiting(Set.copyOf(keys), answer));
  }

  @Override
  public String name() {
    return "go test";
  }

  @Override
  public Set<TestKey> next(SortedSet<TestKey> queued) {
    var run = queued.first().run();
    var out = new TreeSet<TestKey>();
    queued.stream().filter(k -> k.run().equals(run)).forEach(out::add);
    return out;
  }

  @Override
  public Job<TestReport> start(SortedSet<TestKey> keys) throws IOException {
    var answers = new ArrayList<CompletableFuture<JsonElement>>();
    for (var it = waiting.iterator(); it.hasNext(); ) {
      var w = it.next();
      if (keys.containsAll(w.keys())) {
        answers.add(w.answer());
        it.remove();
      }
    }
    var packages = keys.stream().map(TestKey::importPath).distinct().toList();
    var run = runs.create(folder, answers.isEmpty() ? "save" : "command", packages.size(), answers);
    log.info("testing " + packages + (keys.first().run().isEmpty() ? "" : " -run " + keys.first().run())
        + " (run " + run.id() + ")");
    TestLauncher.Started started;
    try {
      started = launcher.start(requests.of(folder, packages, keys.first().run()), run);
    } catch (IOException | RuntimeException e) {
      run.failed(e);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    current = run;
    return new Job<>() {
      @Override
      public CompletableFuture<TestReport> outcome() {
        return started.result();
      }

      @Override
      public void stop() {
        started.stop().run();
      }
    };
  }

  @Override
  public boolean staleAfter(SortedSet<TestKey> running, Set<TestKey> requested) {
    return true; // a newer change (or command) re-covers the running packages with its own
  }

  @Override
  public void finished(SortedSet<TestKey> keys, TestReport report) {
    if (current != null) {
      current.finished(report);
      current = null;
    }
  }

  @Override
  public void notStarted(SortedSet<TestKey> keys, IOException failure) {
    log.warn("cannot run go test in " + folder + ": " + failure.getMessage());
  }

  @Override
  public void failed(SortedSet<TestKey> keys, Throwable failure) {
    if (current != null) {
      current.failed(failure instanceof Exception e ? e : new IOException(failure));
      current = null;
    }
  }

  @Override
  public void stopped(SortedSet<TestKey> keys) {
    if (current != null) {
      current.stopped();
      current = null;
    }
  }
}
