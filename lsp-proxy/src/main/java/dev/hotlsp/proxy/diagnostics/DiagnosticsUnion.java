package dev.hotlsp.proxy.diagnostics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The diagnostics the editor sees for each file: the union of several sources (gopls, go build,
 * later the runner). Each source replaces only its own diagnostics for a file; clearing one never
 * wipes another. A problem gopls reports is shown once: another source's diagnostic for the
 * {@link SameProblem same problem} is kept here but left out of the union while gopls's stands.
 * Thread-safe; callers publish the returned params in the order they get them.
 */
public final class DiagnosticsUnion {
  /** The name of gopls's source. */
  public static final String GOPLS = "gopls";

  private record Entry(JsonArray diagnostics, int generation) {}

  private final Map<String, Map<String, Entry>> byUri = new TreeMap<>();
  private final Map<String, JsonObject> lastGoplsParams = new LinkedHashMap<>();

  /**
   * Records {@code source}'s diagnostics for {@code uri} and returns the publishDiagnostics params
   * for the union. For gopls, {@code goplsParams} are its own params (their other members, such
   * as {@code version}, are kept).
   *
   * @param generation which gopls generation published them (0 for other sources)
   */
  public synchronized JsonObject update(
      String source, String uri, JsonArray diagnostics, int generation, JsonObject goplsParams) {
    var sources = byUri.computeIfAbsent(uri, u -> new TreeMap<>());
    if (diagnostics.isEmpty()) {
      sources.remove(source);
    } else {
      sources.put(source, new Entry(diagnostics, generation));
    }
    if (goplsParams != null) {
      lastGoplsParams.put(uri, goplsParams);
    }
    var params = paramsFor(uri);
    if (sources.isEmpty()) {
      byUri.remove(uri);
    }
    return params;
  }

  /** True when the union for {@code uri} shows gopls's diagnostics and nothing else. */
  public synchronized boolean showsOnlyGopls(String uri) {
    var sources = byUri.getOrDefault(uri, Map.of());
    var gopls = sources.get(GOPLS);
    return sources.entrySet().stream().allMatch(e -> e.getKey().equals(GOPLS)
        || visible(e.getValue().diagnostics(), gopls).isEmpty());
  }

  /** The files whose gopls diagnostics came from a generation older than {@code generation}. */
  public synchronized List<String> staleGoplsUris(int generation) {
    var stale = new ArrayList<String>();
    byUri.forEach((uri, sources) -> {
      var e = sources.get(GOPLS);
      if (e != null && e.generation() < generation) {
        stale.add(uri);
      }
    });
    return stale;
  }

  /** Every file's union, as publishDiagnostics params (for headless reports). */
  public synchronized Map<String, JsonArray> snapshot() {
    var out = new TreeMap<String, JsonArray>();
    byUri.keySet().forEach(uri -> out.put(uri, union(uri)));
    return out;
  }

  private JsonObject paramsFor(String uri) {
    var base = lastGoplsParams.get(uri);
    var params = base == null ? new JsonObject() : base.deepCopy();
    params.addProperty("uri", uri);
    params.add("diagnostics", union(uri));
    return params;
  }

  private JsonArray union(String uri) {
    var sources = byUri.getOrDefault(uri, Map.of());
    var gopls = sources.get(GOPLS);
    var all = new JsonArray();
    sources.forEach((source, e) -> all.addAll(source.equals(GOPLS) ? e.diagnostics() : visible(e.diagnostics(), gopls)));
    return all;
  }

  /** The diagnostics of {@code own} that gopls does not report as well. */
  private static JsonArray visible(JsonArray own, Entry gopls) {
    if (gopls == null) {
      return own;
    }
    var shown = new JsonArray();
    own.forEach(d -> {
      if (gopls.diagnostics().asList().stream().noneMatch(g -> SameProblem.test(g, d))) {
        shown.add(d);
      }
    });
    return shown;
  }
}
