package dev.hotlsp.proxy.crash;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.run.RunEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The crash findings of runs without an editor ({@code hotlsp run}): each run's, placed on the
 * folder's files as the editor's diagnostics are, handed to {@code report} when the run ends (a
 * race report as soon as it is complete), before the run's end goes on. Thread-safe if
 * {@code report} is.
 */
public final class CrashReports implements CrashWatchingEvents.Sink {
  private final Consumer<List<Finding>> report;

  private CrashReports(Consumer<List<Finding>> report) {
    this.report = report;
  }

  /** {@code events} for the runs of {@code folder}, whose stderr is also read for crashes. */
  public static RunEvents watching(RunEvents events, Path folder, Supplier<ImportGraph> graph,
      OptionalLong memoryLimit, Consumer<List<Finding>> report, Log log) {
    return new CrashWatchingEvents(events, new CrashPlaces(folder, graph, memoryLimit), new CrashReports(report), log);
  }

  @Override
  public long mark() {
    return 0;
  }

  @Override
  public void record(String target, String runId, long since, List<Finding> findings) {
    if (!findings.isEmpty()) {
      report.accept(findings);
    }
  }
}
