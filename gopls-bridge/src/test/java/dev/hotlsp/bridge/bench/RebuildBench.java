package dev.hotlsp.bridge.bench;

import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.bridge.build.RebuildDecision;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.testing.Recorder;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ExecutorScheduler;
import dev.hotlsp.bridge.watch.WatchConfig;
import dev.hotlsp.bridge.watch.WorkspaceWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures HotLSP's own watch-decide-rebuild path on a workspace (bench/rebuild/run.sh runs it):
 * graph load, watcher ready, and for each edit save→decision, batch→decision and save→binary. Not a
 * test: it prints JSON to the file given with --out and a summary to stderr.
 *
 * <p>Arguments: {@code --workspace DIR --edit FILE --regex R --template T [--noop FILE] [--edits N]
 * [--stale false]}; each edit replaces the first match of R in FILE by T with {i} set to the edit
 * number.
 */
public final class RebuildBench {
  private static final Duration WAIT = Duration.ofMinutes(5);

  private record Timed(long nanos, Object event) {}

  public static void main(String[] argv) throws Exception {
    var args = parse(argv);
    var root = Path.of(args.get("workspace")).toRealPath();
    int edits = Integer.parseInt(args.getOrDefault("edits", "10"));
    var go =
        new GoToolchain(
            GoToolchain.findGo(System.getenv()).orElseThrow(),
            System.getenv(),
            new LocalProcessLauncher());
    var workspace = GoWorkspace.detect(root, go);
    var loads = new ArrayList<Double>();
    var loader = new ImportGraphLoader(go);
    var graph = loader.load(workspace);
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      graph = loader.load(workspace);
      loads.add(ms(System.nanoTime() - t));
    }
    var events = new Recorder<Timed>();
    var batchArrivals = new ArrayList<Long>();
    BuildListener listener =
        new BuildListener() {
          @Override
          public void decided(RebuildDecision d) {
            events.add(new Timed(System.nanoTime(), d));
          }

          @Override
          public void buildStarted(BuildStarted s) {
            events.add(new Timed(System.nanoTime(), s));
          }

          @Override
          public void buildFinished(BuildResult r) {
            events.add(new Timed(System.nanoTime(), r));
          }
        };
    var out = new StringBuilder("{\n");
    try (var scheduler = new ExecutorScheduler("bench-debounce");
        var loop =
            new RebuildLoop(
                RebuildConfig.defaults(workspace, CacheDirs.fromEnvironment(System.getenv()))
                    .withStaleReasons("true".equals(args.get("stale"))), // as hotlsp serve: off unless asked
                go,
                graph,
                listener)) {
      loop.build(Set.of(), "initial");
      int targets = graph.commands().size();
      events.await(l -> count(l, BuildResult.class) >= targets, WAIT);
      long w = System.nanoTime();
      try (var watcher =
          WorkspaceWatcher.start(
              new WatchConfig(workspace.watchRoots(), List.of(),
                  Duration.ofMillis(Long.parseLong(args.getOrDefault("debounce-ms", "50")))),
              scheduler,
              batch -> {
                synchronized (batchArrivals) {
                  batchArrivals.add(System.nanoTime());
                }
                loop.onBatch(batch);
              })) {
        double watcherReady = ms(System.nanoTime() - w);
        out.append(
            String.format(
                Locale.ROOT,
                "  \"packages\": %d, \"commands\": %d, \"graphLoadMs\": %s, \"watcherReadyMs\":"
                    + " %.1f,%n",
                graph.packages().size(),
                targets,
                loads,
                watcherReady));
        var rows = new ArrayList<String>();
        var file = root.resolve(args.get("edit"));
        for (int i = 1; i <= edits; i++) {
          int decisions = count(events.all(), RebuildDecision.class);
          int results = count(events.all(), BuildResult.class);
          var text = Files.readString(file);
          var edited =
              text.replaceFirst(args.get("regex"), args.get("template").replace("{i}", "" + i));
          long t0 = System.nanoTime();
          Files.writeString(file, edited);
          var all = events.await(l -> count(l, BuildResult.class) > results, WAIT);
          var decision = nth(all, RebuildDecision.class, decisions);
          var result = nth(all, BuildResult.class, results);
          long arrival;
          synchronized (batchArrivals) {
            arrival = batchArrivals.getLast();
          }
          var r = (BuildResult) result.event();
          rows.add(
              String.format(
                  Locale.ROOT,
                  "{\"saveToDecisionMs\": %.1f, \"batchToDecisionMs\": %.1f, \"saveToBinaryMs\":"
                      + " %.1f, \"goBuildMs\": %.1f, \"ok\": %s, \"binaryChanged\": %s}",
                  ms(decision.nanos() - t0),
                  ms(decision.nanos() - arrival),
                  ms(result.nanos() - t0),
                  ms(r.duration().toNanos()),
                  r.ok(),
                  r.binaryChanged()));
        }
        out.append("  \"edits\": [\n    ").append(String.join(",\n    ", rows)).append("\n  ]");
        if (args.containsKey("noop")) {
          var noop = root.resolve(args.get("noop"));
          int before = count(events.all(), BuildStarted.class);
          for (int i = 1; i <= edits; i++) {
            int decisions = count(events.all(), RebuildDecision.class);
            Files.writeString(noop, Files.readString(noop) + "\n// bench edit " + i + "\n");
            events.await(l -> count(l, RebuildDecision.class) > decisions, WAIT);
          }
          out.append(
              String.format(
                  Locale.ROOT,
                  ",%n  \"noTargetEdits\": %d, \"buildsForNoTargetEdits\": %d",
                  edits,
                  count(events.all(), BuildStarted.class) - before));
        }
      }
    }
    out.append("\n}\n");
    Files.writeString(Path.of(args.get("out")), out);
    System.err.print(out);
  }

  private static int count(List<Timed> events, Class<?> type) {
    return (int) events.stream().filter(e -> type.isInstance(e.event())).count();
  }

  private static Timed nth(List<Timed> events, Class<?> type, int index) {
    return events.stream()
        .filter(e -> type.isInstance(e.event()))
        .skip(index)
        .findFirst()
        .orElseThrow();
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }

  private static Map<String, String> parse(String[] argv) {
    var map = new HashMap<String, String>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      map.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    for (var required : List.of("workspace", "edit", "regex", "template", "out")) {
      if (!map.containsKey(required)) {
        throw new IllegalArgumentException("missing --" + required);
      }
    }
    return map;
  }
}
