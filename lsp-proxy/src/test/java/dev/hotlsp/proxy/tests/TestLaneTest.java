package dev.hotlsp.proxy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.bridge.gotest.TestRequest;
import dev.hotlsp.bridge.jobs.WorkspaceJobs;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.proxy.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A folder's test lane in its job runner with a scripted go test: what the editor is told per run
 * (notifications, findings, answers), and that a stopped run tells nothing more.
 */
class TestLaneTest {
  private static final Path FOLDER = Path.of("/w");

  private final List<String> told = new ArrayList<>();
  private final List<Launched> launched = new ArrayList<>();
  private final WorkspaceJobs jobs = new WorkspaceJobs(Runnable::run);
  private long ids;

  private record Launched(TestRequest request, TestListener listener, CompletableFuture<TestReport> result,
      boolean[] stopped) {}

  private final TestRun.TestSink sink = new TestRun.TestSink() {
    @Override
    public void findings(PackageResult result, long runId, long since) {
      told.add("findings " + result.importPath() + " of run " + runId + ": " + result.findings().size());
    }

    @Override
    public void results(Path folder, long runId, String trigger, boolean done, boolean stopped,
        List<PackageResult> packages) {
      told.add("results run " + runId + " " + trigger + (done ? " done" : "") + (stopped ? " stopped" : "") + " "
          + packages.stream().map(p -> p.importPath() + ":" + p.status().wireName()).toList());
    }
  };

  private final TestLane lane = new TestLane(FOLDER, (request, listener) -> {
    var result = new CompletableFuture<TestReport>();
    var stopped = new boolean[1];
    launched.add(new Launched(request, listener, result, stopped));
    return new TestLauncher.Started(result, () -> stopped[0] = true);
  }, (folder, packages, run) -> new TestRequest(folder, packages, run.isEmpty() ? null : run, null, List.of(),
      Isolation.LOCAL, dev.hotlsp.bridge.run.RunLimits.defaults(Isolation.LOCAL)),
      (folder, trigger, packages, answers) -> new TestRun(++ids, folder, trigger, 0, packages, sink, null, answers),
      new Log(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), false));

  private static PackageResult result(String importPath, PackageStatus status) {
    return new PackageResult(importPath, FOLDER.resolve(importPath), status, Duration.ofMillis(5), false, List.of(),
        List.of(), "");
  }

  private static TestReport report(boolean stopped, PackageResult... packages) {
    return new TestReport(List.of(packages), Duration.ofMillis(9), stopped, 0, "");
  }

  private static Set<TestKey> keys(String... importPaths) {
    var out = new java.util.TreeSet<TestKey>();
    for (var p : importPaths) {
      out.add(new TestKey(p, ""));
    }
    return out;
  }

  @Test
  void eachPackageIsToldAsItEndsAndTheRunOnceAtItsEnd() {
    jobs.request(lane, keys("m/a", "m/b"));
    var run = launched.get(0);
    assertEquals(List.of("m/a", "m/b"), run.request().packages());
    run.listener().packageDone(result("m/a", PackageStatus.FAIL));
    run.result().complete(report(false, result("m/a", PackageStatus.FAIL), result("m/b", PackageStatus.PASS)));
    assertEquals(List.of(
        "findings m/a of run 1: 0", "results run 1 save [m/a:fail]",
        "findings m/b of run 1: 0", "results run 1 save [m/b:pass]",
        "results run 1 save done [m/a:fail, m/b:pass]"), told);
  }

  @Test
  void aCommandIsAnsweredByTheRunThatCoversItsPackagesAndAStoppedRunTellsNothingMore() {
    jobs.request(lane, keys("m/a"));
    var first = launched.get(0);
    first.listener().packageDone(result("m/a", PackageStatus.PASS));

    var answer = new CompletableFuture<JsonElement>();
    lane.await(keys("m/b"), answer);
    jobs.request(lane, keys("m/b"));
    assertTrue(first.stopped()[0], "a newer request stops the running go test");
    var second = launched.get(1);
    assertEquals(List.of("m/a", "m/b"), second.request().packages(), "the next run re-covers both");
    first.listener().packageDone(result("m/late", PackageStatus.FAIL)); // stale: told nowhere
    first.result().complete(report(true));
    assertFalse(answer.isDone());

    second.result().complete(report(false, result("m/a", PackageStatus.PASS), result("m/b", PackageStatus.FAIL)));
    var o = (JsonObject) answer.join();
    assertEquals(2, o.get("runId").getAsLong());
    assertFalse(o.get("stopped").getAsBoolean());
    assertEquals(2, o.getAsJsonArray("packages").size());
    assertEquals(List.of(
        "findings m/a of run 1: 0", "results run 1 save [m/a:pass]",
        "results run 1 save done stopped [m/a:pass]",
        "findings m/a of run 2: 0", "results run 2 command [m/a:pass]",
        "findings m/b of run 2: 0", "results run 2 command [m/b:fail]",
        "results run 2 command done [m/a:pass, m/b:fail]"), told);
  }

  @Test
  void aCommandWhoseRunIsStoppedIsAnsweredAsStoppedWithWhatFinished() {
    var answer = new CompletableFuture<JsonElement>();
    lane.await(keys("m/a"), answer);
    jobs.request(lane, keys("m/a"));
    launched.get(0).listener().packageDone(result("m/a", PackageStatus.PASS));
    jobs.request(lane, keys("m/c"));
    var o = (JsonObject) answer.join();
    assertTrue(o.get("stopped").getAsBoolean());
    assertEquals("m/a", o.getAsJsonArray("packages").get(0).getAsJsonObject().get("importPath").getAsString());
  }

  @Test
  void keysWithAnotherRunRegexWaitForTheirOwnGoTest() {
    jobs.request(lane, Set.of(new TestKey("m/a", ""), new TestKey("m/a", "TestX"), new TestKey("m/b", "")));
    assertEquals(List.of("m/a", "m/b"), launched.get(0).request().packages());
    assertEquals(null, launched.get(0).request().run());
    launched.get(0).result().complete(report(false));
    assertEquals("TestX", launched.get(1).request().run());
  }
}
