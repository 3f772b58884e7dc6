package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.AffectedTargets;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.GraphRefresh;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.graph.StalenessProbe;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The state of the rebuild actor; every method runs on the {@link RebuildLoop}'s one thread. Each
 * event that may start builds gets a new generation; a build remembers the generation that started
 * it, and its result is dropped unless that is still the latest build of its target.
 */
final class Rebuilder {
  private static final System.Logger LOG = System.getLogger(Rebuilder.class.getName());

  private record Active(long generation, TargetBuilder.Running build) {}

  private final RebuildConfig config;
  private final ImportGraphLoader loader;
  private final TargetBuilder builder;
  private final StalenessProbe probe;
  private final BuildListener listener;
  private final Consumer<LoopEvent> post;
  private final Executor io;
  private final Map<String, Active> running = new HashMap<>();
  private final Map<String, String> pendingReasons = new HashMap<>();
  private final BinaryDigests digests = new BinaryDigests();
  private volatile ImportGraph graph;
  private long generation;

  Rebuilder(
      RebuildConfig config,
      ImportGraphLoader loader,
      TargetBuilder builder,
      StalenessProbe probe,
      ImportGraph graph,
      BuildListener listener,
      Consumer<LoopEvent> post,
      Executor io) {
    this.config = config;
    this.loader = loader;
    this.builder = builder;
    this.probe = probe;
    this.graph = graph;
    this.listener = listener;
    this.post = post;
    this.io = io;
    reportUnloadable(null, graph);
  }

  ImportGraph graph() {
    return graph;
  }

  void filesChanged(List<FileChange> changes) throws InterruptedException {
    generation++;
    var graphs = new ArrayList<>(List.of(graph));
    var reload = GraphRefresh.reason(graph, changes);
    if (reload.isPresent()) {
      try {
        var previous = graph;
        graph = loader.load(config.workspace());
        graphs.add(graph);
        reportUnloadable(previous, graph);
      } catch (IOException | GraphLoadException e) {
        LOG.log(System.Logger.Level.WARNING, "import graph not reloaded: " + e.getMessage());
      }
    }
    var affected = AffectedTargets.compute(graphs, targets(), changes);
    listener.decided(new RebuildDecision(changes, affected.reasons(), reload.orElse("")));
    build(affected.reasons());
  }

  void buildRequested(Set<String> requested, String reason) {
    generation++;
    var reasons = new TreeMap<String, String>();
    (requested.isEmpty() ? targets() : requested).forEach(t -> reasons.put(t, reason));
    build(reasons);
  }

  void finished(LoopEvent.BuildFinished done) {
    var active = running.get(done.target());
    if (active == null || active.generation() != done.generation()) {
      return;
    }
    running.remove(done.target());
    var outcome = done.outcome();
    var reason = java.util.Objects.requireNonNullElse(pendingReasons.remove(done.target()), "");
    var stale = done.stale().get(done.target());
    if (stale != null && !stale.isEmpty()) {
      reason = reason + "; go list: " + stale;
    }
    boolean changed = outcome.exitCode() == 0 && digests.update(done.target(), outcome.digest());
    listener.buildFinished(
        BuildReport.of(
            done.target(),
            outcome,
            changed,
            reason,
            config.binaryOf(done.target()),
            config.workspace().root(),
            goModOf(done.target())));
  }

  /** Stops every running build (the loop is closing). */
  void stopAll() {
    running.values().forEach(a -> a.build().stop());
    running.clear();
  }

  private void build(Map<String, String> reasons) {
    var started = new ArrayList<String>();
    reasons.forEach(
        (target, reason) -> {
          pendingReasons.merge(
              target, reason, (old, now) -> old.equals(now) ? old : now + "; " + old);
          var previous = running.remove(target);
          if (previous != null) {
            previous.build().stop();
          }
          if (start(target)) {
            started.add(target);
          }
        });
    if (started.isEmpty()) {
      return;
    }
    var stale =
        config.staleReasons()
            ? probe.staleReasonsAsync(
                config.workspace().root(), started.stream().map(this::packageArgument).toList(), io)
            : CompletableFuture.completedFuture(Map.<String, String>of());
    for (var target : started) {
      var active = running.get(target);
      active
          .build()
          .outcome()
          .thenCompose(
              o ->
                  BuildReport.withinGrace(stale)
                      .thenApply(
                          s -> new LoopEvent.BuildFinished(target, active.generation(), o, s)))
          .thenAccept(post);
    }
  }

  private boolean start(String target) {
    var binary = config.binaryOf(target);
    digests.baseline(target, binary);
    listener.buildStarted(new BuildStarted(target, pendingReasons.get(target), binary));
    try {
      running.put(target, new Active(generation, builder.start(target, packageArgument(target))));
      return true;
    } catch (IOException e) {
      listener.buildFinished(
          BuildReport.notStarted(
              target, e, pendingReasons.remove(target), binary, goModOf(target)));
      return false;
    }
  }

  /** Logs each package go cannot load that {@code previous} (null: none) did not already report. */
  private static void reportUnloadable(ImportGraph previous, ImportGraph now) {
    now.unloadable().forEach(
        (importPath, error) -> {
          if (previous == null || !error.equals(previous.unloadable().get(importPath))) {
            LOG.log(
                System.Logger.Level.WARNING,
                "go list cannot load package " + importPath + ", so it is never built: " + error);
          }
        });
  }

  /** The target's directory as go's command line names it; its import path if the graph lacks it. */
  private String packageArgument(String target) {
    return graph.get(target).map(p -> config.workspace().packageArgument(p.dir())).orElse(target);
  }

  private Path goModOf(String target) {
    return graph
        .get(target)
        .map(p -> p.module().goMod())
        .orElse(
            config.workspace().root().resolve(config.workspace().goWork() ? "go.work" : "go.mod"));
  }

  private Set<String> targets() {
    return config.targets().isEmpty() ? graph.commands() : Set.copyOf(config.targets());
  }
}
