package dev.hotlsp.proxy.crash;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.run.RunEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The crash findings of runs without an editor ({@code hotlsp run}): each run's, placed on the
 * folder's files as the editor's diagnostics are, handed to {@code report} as they come — a
 * finding when it is first seen (a race report, a recovered panic, as soon as it is complete), the
 * crashes of the end when the run ends, before its end goes on — and a repeated finding once more at
 * the end with its count ({@code (N times)}). Thread-safe if {@code report} is.
 */
public final class CrashReports implements CrashWatchingEvents.Sink {
  private final Consumer<List<Finding>> report;
  /** Per run, the message last reported for each place. */
  private final Map<String, Map<List<Object>, String>> reported = new ConcurrentHashMap<>();

  private CrashReports(Consumer<List<Finding>> report) {
    this.report = report;
  }

  /** {@code events} for the runs of {@code folder}, whose output is also read for crashes. */
  public static RunEvents watching(RunEvents events, Path folder, Supplier<ImportGraph> graph,
      OptionalLong memoryLimit, Consumer<List<Finding>> report, Log log) {
    return new CrashWatchingEvents(events, new CrashPlaces(folder, graph, memoryLimit), new CrashReports(report), log);
  }

  @Override
  public long mark() {
    return 0;
  }

  @Override
  public void record(String target, String runId, long since, List<Finding> findings, boolean ended) {
    var shown = ended ? reported.remove(runId) : reported.computeIfAbsent(runId, r -> new HashMap<>());
    if (shown == null) {
      shown = new HashMap<>();
    }
    var fresh = new ArrayList<Finding>();
    for (var f : findings) {
      var place = List.<Object>of(f.file(), f.line(), f.column(), f.code());
      String before = shown.get(place);
      // a new place at once; a repeat's count only at the end, not once per request
      if (before == null || (ended && !before.equals(f.message()))) {
        fresh.add(f);
        shown.put(place, f.message());
      }
    }
    if (!fresh.isEmpty()) {
      report.accept(fresh);
    }
  }
}
