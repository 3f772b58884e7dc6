package dev.hotlsp.proxy.crash;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which crash diagnostics each run target shows, per file, and what the editor was last sent for
 * each file (the union over targets). A target's diagnostics belong to one run: each record holds
 * all of that run's findings so far (a race report, a recovered panic counted again, then the
 * crash at its end) and replaces what the target showed (none: they go). A file's change takes that file's diagnostics away from every target, and a run that
 * started before the change never puts them back on it (its lines are of the old text). Changes are
 * counted, not timed. Not thread-safe.
 */
final class CrashLedger {
  private record Shown(String runId, Map<String, List<JsonObject>> byUri) {}

  private final Map<String, Shown> byTarget = new TreeMap<>();
  private final Map<String, Long> changedAt = new HashMap<>();
  private final Map<String, JsonArray> published = new HashMap<>();
  private long changes;

  /** The change count now: a run remembers it when it starts. */
  long mark() {
    return changes;
  }

  /**
   * Records {@code byUri}, all the findings so far of {@code target}'s run {@code runId} that
   * started at {@code since} ({@link #mark}) — they replace what the target showed, the same run's
   * earlier record included — and returns the files whose union changed, with their new union.
   */
  Map<String, JsonArray> record(String target, String runId, long since, Map<String, List<JsonObject>> byUri) {
    var fresh = new LinkedHashMap<String, List<JsonObject>>();
    byUri.forEach((uri, list) -> {
      if (changedAt.getOrDefault(uri, Long.MIN_VALUE) <= since) {
        fresh.put(uri, list);
      }
    });
    var before = byTarget.get(target);
    var touched = new LinkedHashSet<String>();
    if (before != null) {
      touched.addAll(before.byUri().keySet());
    }
    touched.addAll(fresh.keySet());
    var now = new LinkedHashMap<String, List<JsonObject>>();
    fresh.forEach((uri, list) -> now.put(uri, List.copyOf(list)));
    if (now.isEmpty()) {
      byTarget.remove(target);
    } else {
      byTarget.put(target, new Shown(runId, now));
    }
    return publish(touched);
  }

  /** {@code uri} changed (in the editor or on disk): its crash diagnostics go, for every target. */
  Map<String, JsonArray> fileChanged(String uri) {
    changedAt.put(uri, ++changes);
    for (var it = byTarget.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().byUri().containsKey(uri)) {
        var rest = new LinkedHashMap<>(e.getValue().byUri());
        rest.remove(uri);
        if (rest.isEmpty()) {
          it.remove();
        } else {
          e.setValue(new Shown(e.getValue().runId(), rest));
        }
      }
    }
    return publish(List.of(uri));
  }

  /** The unions of {@code uris} that differ from what was last published; remembers them as published. */
  private Map<String, JsonArray> publish(Iterable<String> uris) {
    var out = new TreeMap<String, JsonArray>();
    for (var uri : uris) {
      var union = new JsonArray();
      byTarget.values().forEach(s -> s.byUri().getOrDefault(uri, List.of()).forEach(d -> {
        if (!union.contains(d)) {
          union.add(d);
        }
      }));
      var last = published.getOrDefault(uri, new JsonArray());
      if (!union.equals(last)) {
        out.put(uri, union);
        if (union.isEmpty()) {
          published.remove(uri);
        } else {
          published.put(uri, union);
        }
      }
    }
    return out;
  }
}
