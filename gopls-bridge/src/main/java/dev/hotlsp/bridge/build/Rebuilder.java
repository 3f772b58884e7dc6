package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.AffectedTargets;
import dev.hotlsp.bridge.graph.GoPackage;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.GraphRefresh;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.graph.StalenessProbe;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The state of the rebuild actor; every method runs on the {@link RebuildLoop}'s one thread. At
 * most one go build runs at a time; targets that need a build wait in a queue, and when no build
 * runs the queued targets with distinct binary names start together in one go build. A change
 * that affects a target of the running build stops it and puts its targets back in the queue, so
 * the next build covers them and the new ones. Each go build gets a number, and an outcome is
 * dropped unless it is the running build's.
 */
final class Rebuilder {
  private static final System.Logger LOG = System.getLogger(Rebuilder.class.getName());

  private record Invocation(long number, BatchBuilder.Running build) {}

  private final RebuildConfig config;
  private final ImportGraphLoader loader;
  private final BatchBuilder builder;
  private final StalenessProbe probe;
  private final BuildListener listener;
  private final Consumer<LoopEvent> post;
  private final Executor io;
  private final Set<String> queued = new TreeSet<>();
  private final Map<String, String> pendingReasons = new HashMap<>();
  private final BinaryDigests digests = new BinaryDigests();
  private volatile ImportGraph graph;
  private Invocation running;
  private long invocations;

  Rebuilder(
      RebuildConfig config,
      ImportGraphLoader loader,
      BatchBuilder builder,
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
    LOG.log(System.Logger.Level.DEBUG, () -> "phase decided: " + affected.reasons().keySet()
        + (reload.isPresent() ? ", import graph reloaded: " + reload.get() : ""));
    listener.decided(new RebuildDecision(changes, affected.reasons(), reload.orElse("")));
    schedule(affected.reasons());
  }

  void buildRequested(Set<String> requested, String reason) {
    var reasons = new TreeMap<String, String>();
    (requested.isEmpty() ? targets() : requested).forEach(t -> reasons.put(t, reason));
    schedule(reasons);
  }

  void finished(LoopEvent.BuildFinished done) {
    if (running == null || running.number() != done.invocation()) {
      return;
    }
    running = null;
    done.outcomes().forEach((target, outcome) -> report(target, outcome, done.stale()));
    startNext();
  }

  /** Stops the running build and forgets the queue (the loop is closing). */
  void stopAll() {
    if (running != null) {
      running.build().stop();
      running = null;
    }
    queued.clear();
  }

  /** Queues {@code reasons}' targets; stops the running build if it builds one of them. */
  private void schedule(Map<String, String> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    reasons.forEach(
        (target, reason) ->
            pendingReasons.merge(
                target, reason, (old, now) -> old.equals(now) ? old : now + "; " + old));
    queued.addAll(reasons.keySet());
    if (running != null
        && !Collections.disjoint(running.build().targets(), reasons.keySet())) {
      running.build().stop();
      queued.addAll(running.build().targets());
      running = null;
    }
    startNext();
  }

  /** Starts one go build of the queued targets with distinct binary names, unless one runs. */
  private void startNext() {
    while (running == null && !queued.isEmpty()) {
      var group = ExecutableNames.firstGroup(queued);
      group.forEach(queued::remove);
      var arguments = new LinkedHashMap<String, String>();
      for (var target : group) {
        var binary = config.binaryOf(target);
        digests.baseline(target, binary);
        listener.buildStarted(new BuildStarted(target, pendingReasons.get(target), binary));
        arguments.put(target, packageArgument(target));
      }
      var current = graph;
      try {
        var build = builder.start(arguments, current::dependencies);
        running = new Invocation(++invocations, build);
        LOG.log(System.Logger.Level.DEBUG, () -> "phase go build started: " + group);
        awaitOutcomes(running, List.copyOf(arguments.values()));
      } catch (IOException e) {
        for (var target : group) {
          listener.buildFinished(
              BuildReport.notStarted(
                  target, e, pendingReasons.remove(target), config.binaryOf(target), goModOf(target)));
        }
      }
    }
  }

  private void awaitOutcomes(Invocation invocation, List<String> packageArguments) {
    var stale =
        config.staleReasons()
            ? probe.staleReasonsAsync(config.workspace().root(), packageArguments, io)
            : CompletableFuture.completedFuture(Map.<String, String>of());
    invocation
        .build()
        .outcomes()
        .thenCompose(
            o ->
                BuildReport.withinGrace(stale)
                    .thenApply(s -> new LoopEvent.BuildFinished(invocation.number(), o, s)))
        .thenAccept(post);
  }

  private void report(String target, BatchBuilder.Outcome outcome, Map<String, String> staleReasons) {
    var reason = Objects.requireNonNullElse(pendingReasons.remove(target), "");
    var stale = staleReasons.get(target);
    if (stale != null && !stale.isEmpty()) {
      reason = reason + "; go list: " + stale;
    }
    boolean changed = outcome.exitCode() == 0 && digests.update(target, outcome.digest());
    listener.buildFinished(
        BuildReport.of(
            target,
            outcome,
            changed,
            reason,
            config.binaryOf(target),
            config.workspace().root(),
            goModOf(target),
            importPath -> graph.get(importPath).map(GoPackage::dir), builder.scope()));
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
