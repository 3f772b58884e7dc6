package dev.hotlsp.proxy.tests;

import com.google.gson.JsonElement;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.proxy.workspace.WorkDoneProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code go test} of a folder as the editor sees it: its number, trigger, the packages it has
 * finished, its progress, and the {@code hotlsp.test} answers waiting for it. Packages arrive on the
 * runner's thread, the end (or the stop) on the folder's loop thread: synchronized. Once stopped, it
 * reports nothing more (a stopped run's late packages are stale).
 */
final class TestRun implements TestListener {
  private final long id;
  private final Path folder;
  private final String trigger;
  private final long since;
  private final int size;
  private final TestSink sink;
  private final WorkDoneProgress.Shown progress;
  private final List<CompletableFuture<JsonElement>> answers;
  private final Map<String, PackageResult> done = new LinkedHashMap<>();
  private boolean over;

  /** Where a run's results go: diagnostics and notifications. */
  interface TestSink {
    /** A package's findings replace what it showed ({@code since}: the change count at the run's start). */
    void findings(PackageResult result, long runId, long since);

    /** {@code hotlsp/testResults}. */
    void results(Path folder, long runId, String trigger, boolean done, boolean stopped, List<PackageResult> packages);
  }

  TestRun(long id, Path folder, String trigger, long since, int size, TestSink sink, WorkDoneProgress.Shown progress,
      List<CompletableFuture<JsonElement>> answers) {
    this.id = id;
    this.folder = folder;
    this.trigger = trigger;
    this.since = since;
    this.size = size;
    this.sink = sink;
    this.progress = progress;
    this.answers = List.copyOf(answers);
  }

  long id() {
    return id;
  }

  @Override
  public synchronized void packageDone(PackageResult result) {
    if (over || result.status() == PackageStatus.STOPPED) {
      return;
    }
    done.put(result.importPath(), result);
    sink.findings(result, id, since);
    sink.results(folder, id, trigger, false, false, List.of(result));
    if (progress != null) {
      progress.report(done.size() + "/" + size + " packages");
    }
  }

  /** The run ended: its last packages, the closing notification, the answers. */
  synchronized void finished(TestReport report) {
    if (over) {
      return;
    }
    for (var p : report.packages()) {
      if (p.status() != PackageStatus.STOPPED && !done.containsKey(p.importPath())) {
        packageDone(p);
      }
    }
    over = true;
    var all = List.copyOf(done.values());
    sink.results(folder, id, trigger, true, report.stopped(), all);
    long failed = all.stream().filter(p -> p.status() == PackageStatus.FAIL || p.status() == PackageStatus.BUILD_FAILED)
        .count();
    end(failed == 0 ? "passed" : failed + " package(s) failed");
    var error = report.toolFailed() ? report.output().strip() : "";
    answers.forEach(a -> a.complete(TestMessages.answer(id, report.stopped(), all, error)));
  }

  /** A newer request stopped the run: what finished is told, as stopped. */
  synchronized void stopped() {
    if (over) {
      return;
    }
    over = true;
    var all = List.copyOf(done.values());
    sink.results(folder, id, trigger, true, true, all);
    end("stopped by a newer change");
    answers.forEach(a -> a.complete(TestMessages.answer(id, true, all, "")));
  }

  /** The run could not start. */
  synchronized void failed(Exception e) {
    over = true;
    end("failed: " + e.getMessage());
    answers.forEach(a -> a.completeExceptionally(e));
  }

  private void end(String message) {
    if (progress != null) {
      progress.end(message);
    }
  }
}
