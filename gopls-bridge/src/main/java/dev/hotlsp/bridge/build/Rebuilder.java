package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.AffectedTargets;
import dev.hotlsp.bridge.graph.GoPackage;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.GraphRefresh;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.graph.StalenessProbe;
import dev.hotlsp.bridge.jobs.Job;
import dev.hotlsp.bridge.jobs.JobLane;
import dev.hotlsp.bridge.jobs.WorkspaceJobs;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The state of the rebuild actor; every method runs on the {@link RebuildLoop}'s one thread. The
 * builds go through the workspace's {@link WorkspaceJobs} (at most one go command at a time, a
 * stale one stopped, its outcome dropped) as its first lane: targets that need a build wait in
 * the lane's queue, and the queued targets with distinct binary names start together in one go
 * build. A change that affects a target of the running build stops it and puts its targets back in
 * the queue, so the next build covers them and the new ones.
 */
final class Rebuilder {
  private static final System.Logger LOG = System.getLogger(Rebuilder.class.getName());

  private final RebuildConfig config;
  private final ImportGraphLoader loader;
  private final BatchBuilder builder;
  private final StalenessProbe probe;
  private final BuildListener listener;
  private final WorkspaceJobs jobs;
  private final BuildLane lane = new BuildLane();
  private final Executor io;
  private final Map<String, String> pendingReasons = new HashMap<>();
  private final BinaryDigests digests = new BinaryDigests();
  private volatile ImportGraph graph;

  Rebuilder(
      RebuildConfig config,
      ImportGraphLoader loader,
      BatchBuilder builder,
      StalenessProbe probe,
      ImportGraph graph,
      BuildListener listener,
      WorkspaceJobs jobs,
      Executor io) {
    this.config = config;
    this.loader = loader;
    this.builder = builder;
    this.probe = probe;
    this.graph = graph;
    this.listener = listener;
    this.jobs = jobs;
    this.io = io;
    jobs.register(lane); // builds rank first: a test run waits for the build of its change
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

  /** Stops the running build and forgets the queue (the loop is closing). */
  void stopAll() {
    jobs.stopAll();
  }

  /** Queues {@code reasons}' targets in the workspace's job runner (the build lane). */
  private void schedule(Map<String, String> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    reasons.forEach(
        (target, reason) ->
            pendingReasons.merge(
                target, reason, (old, now) -> old.equals(now) ? old : now + "; " + old));
    jobs.request(lane, reasons.keySet());
  }

  /** What one go build gave: each target's outcome and the StaleReasons that came in time. */
  record Built(Map<String, BatchBuilder.Outcome> outcomes, Map<String, String> stale) {}

  /**
   * The build lane of the workspace's {@link WorkspaceJobs}: one go build of the queued targets with
   * distinct binary names; a change to a target of the running build makes it stale.
   */
  private final class BuildLane implements JobLane<String, Built> {
    @Override
    public String name() {
      return "go build";
    }

    @Override
    public Set<String> next(SortedSet<String> queued) {
      return new LinkedHashSet<>(ExecutableNames.firstGroup(queued));
    }

    @Override
    public Job<Built> start(SortedSet<String> group) throws IOException {
      var arguments = new LinkedHashMap<String, String>();
      for (var target : group) {
        var binary = config.binaryOf(target);
        digests.baseline(target, binary);
        listener.buildStarted(new BuildStarted(target, pendingReasons.get(target), binary));
        arguments.put(target, packageArgument(target));
      }
      var current = graph;
      var build = builder.start(arguments, current::dependencies);
      LOG.log(System.Logger.Level.DEBUG, () -> "phase go build started: " + group);
      var stale =
          config.staleReasons()
              ? probe.staleReasonsAsync(config.workspace().root(), List.copyOf(arguments.values()), io)
              : CompletableFuture.completedFuture(Map.<String, String>of());
      var outcome =
          build.outcomes().thenCompose(o -> BuildReport.withinGrace(stale).thenApply(s -> new Built(o, s)));
      return new Job<>() {
        @Override
        public CompletableFuture<Built> outcome() {
          return outcome;
        }

        @Override
        public void stop() {
          build.stop();
        }
      };
    }

    @Override
    public boolean staleAfter(SortedSet<String> running, Set<String> requested) {
      return !Collections.disjoint(running, requested);
    }

    @Override
    public void finished(SortedSet<String> targets, Built built) {
      built.outcomes().forEach((target, outcome) -> report(target, outcome, built.stale()));
    }

    @Override
    public void notStarted(SortedSet<String> group, IOException e) {
      for (var target : group) {
        listener.buildFinished(
            BuildReport.notStarted(
                target, e, pendingReasons.remove(target), config.binaryOf(target), goModOf(target)));
      }
    }
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
