package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.AffectedTargets;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.GraphRefresh;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.graph.StalenessProbe;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
  private final Map<String, String> digests = new HashMap<>();
  private ImportGraph graph;
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
  }

  ImportGraph graph() {
    return graph;
  }

  void filesChanged(List<FileChange> changes) throws InterruptedException {
    generation++;
    var graphs = new ArrayList<>(List.of(graph));
    var reload = GraphRefresh.reason(graph, changes, Rebuilder::read);
    if (reload.isPresent()) {
      try {
        graph = loader.load(config.workspace());
        graphs.add(graph);
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
    boolean ok = outcome.exitCode() == 0;
    boolean changed = false;
    if (ok) {
      var digest = outcome.digest().orElse("unreadable");
      changed = !digest.equals(digests.put(done.target(), digest));
    }
    List<BuildError> errors = ok ? List.of() : errors(done.target(), outcome);
    listener.buildFinished(
        new BuildResult(
            done.target(),
            ok,
            outcome.duration(),
            changed,
            reason,
            errors,
            config.binaryOf(done.target())));
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
          pendingReasons.merge(target, reason, (old, now) -> old.equals(now) ? old : now + "; " + old);
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
            ? CompletableFuture.supplyAsync(() -> staleReasons(started), io)
            : CompletableFuture.completedFuture(Map.<String, String>of());
    for (var target : started) {
      var active = running.get(target);
      active
          .build()
          .outcome()
          .thenCompose(o -> withinGrace(stale).thenApply(s -> new LoopEvent.BuildFinished(
              target, active.generation(), o, s)))
          .thenAccept(post);
    }
  }

  private boolean start(String target) {
    var binary = config.binaryOf(target);
    digests.computeIfAbsent(target, t -> BinaryDigest.of(binary).orElse(""));
    listener.buildStarted(new BuildStarted(target, pendingReasons.get(target), binary));
    try {
      running.put(target, new Active(generation, builder.start(target)));
      return true;
    } catch (IOException e) {
      var error = new BuildError(goModOf(target), 1, 1, "cannot run go build: " + e.getMessage());
      listener.buildFinished(
          new BuildResult(
              target,
              false,
              java.time.Duration.ZERO,
              false,
              pendingReasons.remove(target),
              List.of(error),
              binary));
      return false;
    }
  }

  private List<BuildError> errors(String target, TargetBuilder.Outcome outcome) {
    var goMod = goModOf(target);
    var errors = BuildErrorParser.parse(outcome.stderr(), config.workspace().root(), goMod);
    return errors.isEmpty()
        ? List.of(new BuildError(goMod, 1, 1, "go build exited with " + outcome.exitCode()))
        : errors;
  }

  private Path goModOf(String target) {
    return graph
        .get(target)
        .map(p -> p.module().goMod())
        .orElse(config.workspace().root().resolve(config.workspace().goWork() ? "go.work" : "go.mod"));
  }

  private Set<String> targets() {
    return config.targets().isEmpty() ? graph.commands() : Set.copyOf(config.targets());
  }

  private Map<String, String> staleReasons(List<String> targets) {
    try {
      return probe.staleReasons(config.workspace().root(), targets);
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** The probe's answer if it comes within 100 ms of the build's end; nothing otherwise. */
  private static CompletableFuture<Map<String, String>> withinGrace(
      CompletableFuture<Map<String, String>> stale) {
    var timeout =
        CompletableFuture.supplyAsync(
            Map::<String, String>of, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    return stale.applyToEither(timeout, m -> m);
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<FileChange> merge(List<List<FileChange>> batches) {
    var merged = new LinkedHashMap<Path, FileChange>();
    for (var batch : batches) {
      for (var change : batch) {
        var before = merged.get(change.path());
        var keepCreated =
            before != null
                && before.kind() == FileChange.Kind.CREATED
                && change.kind() == FileChange.Kind.MODIFIED;
        if (!keepCreated) {
          merged.put(change.path(), change);
        }
      }
    }
    return List.copyOf(merged.values());
  }
}
