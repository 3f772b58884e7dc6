package dev.hotlsp.bridge.bench;

import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.testing.Recorder;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Save → binary with go build in the build sandbox versus without it (issue 16 §1), side by side:
 * two copies of a workspace, one rebuild loop each, edits interleaved (which goes first alternates
 * per edit); an edit is a write of the file and the batch handed to the loop (no watcher, no
 * debounce: what differs is only how go build runs). bench/rebuild/sandboxed.sh runs it.
 *
 * <p>Arguments: {@code --sandboxed DIR --plain DIR --edit FILE --regex R --template T [--edits N]}.
 */
public final class SandboxedBuildBench {
  private static final Duration WAIT = Duration.ofMinutes(5);

  private record Side(String name, Path root, RebuildLoop loop, Recorder<BuildResult> results, List<Double> ms,
      List<Double> goMs) {}

  public static void main(String[] argv) throws Exception {
    var args = new java.util.HashMap<String, String>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    int edits = Integer.parseInt(args.getOrDefault("edits", "10"));
    var launcher = new LocalProcessLauncher();
    var sandboxed = new GoToolchain(GoToolchain.findGo(System.getenv()).orElseThrow(), System.getenv(), launcher);
    if (sandboxed.sandbox().problem().isPresent()) {
      throw new IllegalStateException("no build sandbox here: " + sandboxed.sandbox().problem().get());
    }
    var sides = new ArrayList<Side>();
    for (var mode : List.of("sandboxed", "plain")) {
      var go = mode.equals("sandboxed") ? sandboxed : sandboxed.unsandboxed();
      var root = Path.of(args.get(mode)).toRealPath();
      var results = new Recorder<BuildResult>();
      BuildListener listener = new BuildListener() {
        @Override
        public void buildStarted(dev.hotlsp.bridge.build.BuildStarted started) {}

        @Override
        public void buildFinished(BuildResult r) {
          results.add(r);
        }
      };
      var config = RebuildConfig.defaults(GoWorkspace.detect(root, go), CacheDirs.fromEnvironment(System.getenv()));
      var loop = RebuildLoop.start(config, go, listener);
      loop.build(Set.of(), "initial");
      results.await(l -> !l.isEmpty(), WAIT);
      sides.add(new Side(mode, root, loop, results, new ArrayList<>(), new ArrayList<>()));
    }
    for (int i = 1; i <= edits; i++) {
      var order = i % 2 == 1 ? sides : sides.reversed();
      for (var side : order) {
        var file = side.root().resolve(args.get("edit"));
        int before = side.results().all().size();
        var edited = Files.readString(file).replaceFirst(args.get("regex"), args.get("template").replace("{i}", "" + i));
        long t0 = System.nanoTime();
        Files.writeString(file, edited);
        side.loop().onBatch(ChangeBatch.of(new FileChange(file, FileChange.Kind.MODIFIED)));
        var all = side.results().await(l -> l.size() > before, WAIT);
        var r = all.get(before);
        if (!r.ok() || !r.binaryChanged()) {
          throw new IllegalStateException(side.name() + " edit " + i + ": " + r);
        }
        side.ms().add((System.nanoTime() - t0) / 1e6);
        side.goMs().add(r.duration().toNanos() / 1e6);
      }
    }
    for (var side : sides) {
      side.loop().close();
    }
    launcher.close();
    var s = sides.get(0);
    var p = sides.get(1);
    System.out.printf(Locale.ROOT, "| build | save → binary median (ms) | go build median (ms) | all save → binary (ms) |%n|---|---|---|---|%n");
    for (var side : sides) {
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %s |%n", side.name(), median(side.ms()), median(side.goMs()),
          side.ms().stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
    }
    System.out.printf(Locale.ROOT, "%nsandboxed ÷ plain, save → binary median: %.3f (%d edits each, interleaved)%n",
        median(s.ms()) / median(p.ms()), edits);
  }

  private static double median(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
