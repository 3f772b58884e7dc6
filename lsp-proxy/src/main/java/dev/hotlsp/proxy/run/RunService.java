package dev.hotlsp.proxy.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.run.Protection;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.Commands;
import dev.hotlsp.proxy.wire.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * The editor session's runs: a {@link RunController} per workspace folder once its rebuild loop
 * has started, the {@code --run} targets, the {@code hotlsp.run}/{@code stop}/{@code restart}/
 * {@code status} commands, and one warning per session when a protection of the isolation level
 * is missing on this machine. Thread-safe.
 */
public final class RunService implements AutoCloseable {
  private final RunOptions options;
  private final RunSpecs specs;
  private final Supplier<RunController.Launch> launch;
  private final Supplier<SandboxProbe> probe;
  private final RunEvents events;
  private final FolderEvents folderEvents;
  private final Log log;
  private final List<RunController> controllers = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  /** The events of one folder's runs, made from the session's (crash diagnostics decorate them). */
  @FunctionalInterface
  public interface FolderEvents {
    RunEvents of(RunEvents events, Path folder, Supplier<ImportGraph> graph);
  }

  /**
   * @param launch the runner, made on first use (probing the sandbox costs a few processes)
   * @param probe the same runner's probe
   * @param folderEvents what each folder's controller reports to, made from {@code events}
   */
  public RunService(RunOptions options, Supplier<RunController.Launch> launch, Supplier<SandboxProbe> probe,
      RunEvents events, FolderEvents folderEvents, Log log) {
    this.folderEvents = folderEvents;
    this.options = options;
    this.specs = new RunSpecs(options);
    this.launch = launch;
    this.probe = probe;
    this.events = events;
    this.log = log;
  }

  /**
   * Adds {@code hotlsp.run}, {@code hotlsp.stop}, {@code hotlsp.restart}, {@code hotlsp.dump}
   * (a goroutine dump of the running program, placed as hang findings; the program is started
   * again), {@code hotlsp.status} and {@code hotlsp.targets} (the main packages, sorted).
   */
  public Commands.Builder register(Commands.Builder commands) {
    return commands
        .add("hotlsp.run", args -> command(() -> {
          var a = RunArguments.ofRun("hotlsp.run", args);
          var where = locate(a.target());
          warnOnce();
          return where.controller().run(where.target(), a.args(), a.env())
              .thenApply(s -> (JsonElement) RunMessages.started(s));
        }))
        .add("hotlsp.stop", args -> command(() -> {
          var a = RunArguments.ofTarget("hotlsp.stop", args);
          return all(onTarget(a.target(), RunController::stop)).thenApply(lists -> {
            var out = new JsonArray();
            lists.forEach(l -> l.forEach(out::add));
            var result = new JsonObject();
            result.add("stopped", out);
            return (JsonElement) result;
          });
        }))
        .add("hotlsp.restart", args -> command(() -> {
          var a = RunArguments.ofTarget("hotlsp.restart", args);
          return all(onTarget(a.target(), RunController::restart)).thenApply(lists -> {
            if (lists.stream().allMatch(List::isEmpty)) {
              throw new java.util.concurrent.CompletionException(
                  new InvalidArgumentsException("hotlsp.restart: nothing is running; name a target"));
            }
            return runs(lists);
          });
        }))
        .add("hotlsp.dump", args -> command(() -> {
          var a = RunArguments.ofTarget("hotlsp.dump", args);
          return all(onTarget(a.target(), (c, t) -> c.dump(t, true))).thenApply(lists -> {
            if (lists.stream().allMatch(List::isEmpty)) {
              throw new java.util.concurrent.CompletionException(
                  new InvalidArgumentsException("hotlsp.dump: nothing is running"));
            }
            var out = new JsonArray();
            lists.forEach(l -> l.forEach(r -> out.add(r.runId())));
            var result = new JsonObject();
            result.add("dumped", out);
            return (JsonElement) result;
          });
        }))
        .add("hotlsp.targets", args -> command(() -> {
          RunArguments.ofTarget("hotlsp.targets", args);
          var mains = new TreeSet<String>();
          controllers.forEach(c -> mains.addAll(c.mains()));
          var out = new JsonArray();
          mains.forEach(out::add);
          return CompletableFuture.completedFuture((JsonElement) out);
        }))
        .add("hotlsp.status", args -> command(() -> {
          RunArguments.ofTarget("hotlsp.status", args);
          return all(controllers.stream().map(RunController::status).toList()).thenApply(lists -> {
            var out = new JsonArray();
            lists.forEach(l -> l.forEach(p -> out.add(RunMessages.status(p.started(), p.peakKiB()))));
            return (JsonElement) out;
          });
        }));
  }

  /** A folder's rebuild loop has started: its runs can begin; its {@code --run} targets are built and run. */
  public void folderReady(Path folder, RebuildLoop loop) {
    var controller = new RunController(folder, loop::graph, (target, reason) -> loop.build(java.util.Set.of(target),
        reason), (spec, listener) -> launch.get().start(spec, listener), specs, folderEvents.of(events, folder, loop::graph), true);
    controllers.add(controller);
    probe.get(); // probed here, off the editor's thread, before a command needs it
    for (var name : options.targets()) {
      try {
        var target = controller.resolve(Optional.of(name));
        warnOnce();
        log.info("--run " + name + ": running " + target + " of " + folder);
        controller.want(target);
      } catch (UnknownTargetException e) {
        log.info("--run " + name + ": not in " + folder + " (" + e.getMessage() + ")");
      }
    }
  }

  /** Every folder has been looked at: commands no longer wait (a folder without a loop has no targets). */
  public void loaded() {
    ready.complete(null);
  }

  /** The workspace will have no rebuild loop ({@code --no-watch}, {@code --no-build}, no go): runs are refused. */
  public void unavailable(String why) {
    ready.completeExceptionally(new RunFailedException(why));
  }

  /** Any build result of the session; each goes to the folder that owns its target. */
  public void built(BuildResult result) {
    controllers.stream().filter(c -> c.owns(result.target())).forEach(c -> c.built(result));
  }

  @Override
  public void close() {
    controllers.forEach(RunController::close);
  }

  private record Located(RunController controller, String target) {}

  /** The folder and import path a user's target names (none: the only main package of all folders). */
  /** {@code op} on the named target's controller (with its import path), else on every controller (with none). */
  private <T> List<CompletableFuture<T>> onTarget(Optional<String> name,
      java.util.function.BiFunction<RunController, Optional<String>, CompletableFuture<T>> op) throws UnknownTargetException {
    if (name.isPresent()) {
      var where = locate(name);
      return List.of(op.apply(where.controller(), Optional.of(where.target())));
    }
    return controllers.stream().map(c -> op.apply(c, Optional.<String>empty())).toList();
  }

  private Located locate(Optional<String> name) throws UnknownTargetException {
    if (controllers.isEmpty()) {
      throw new UnknownTargetException("no Go workspace folder is loaded");
    }
    if (name.isPresent()) {
      var problems = new ArrayList<String>();
      for (var c : controllers) {
        try {
          return new Located(c, c.resolve(name));
        } catch (UnknownTargetException e) {
          problems.add(e.getMessage());
        }
      }
      throw new UnknownTargetException(String.join("; ", problems));
    }
    var mains = new TreeSet<String>();
    Located only = null;
    for (var c : controllers) {
      for (var main : c.mains()) {
        mains.add(main);
        only = new Located(c, main);
      }
    }
    if (mains.size() == 1) {
      return only;
    }
    throw new UnknownTargetException(mains.isEmpty() ? "no main package in the workspace"
        : "several main packages, name one as target: " + String.join(", ", mains));
  }

  /** Warns once per session about each protection of the level this machine does not offer. */
  private void warnOnce() {
    if (!warned.compareAndSet(false, true)) {
      return;
    }
    var missing = probe.get().protections(specs.isolation()).stream().filter(p -> !p.active()).toList();
    if (!missing.isEmpty()) {
      events.warn("HotLSP runs programs (" + options.isolation() + ") without: " + String.join("; ",
          missing.stream().map(RunService::describe).toList()) + ". See hotlsp doctor.");
    }
  }

  private static String describe(Protection p) {
    return p.name() + " (" + p.reason() + (p.fix().isEmpty() ? "" : "; fix: " + p.fix()) + ")";
  }

  private static JsonElement runs(List<List<RunStarted>> lists) {
    var out = new JsonArray();
    lists.forEach(l -> l.forEach(s -> out.add(RunMessages.started(s))));
    return out;
  }

  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
  }

  /** A command body that may refuse its arguments. */
  @FunctionalInterface
  private interface Body {
    CompletableFuture<JsonElement> run() throws InvalidArgumentsException, UnknownTargetException;
  }

  /** Runs {@code body} once the workspace is loaded; bad arguments and unknown targets are -32602. */
  private CompletableFuture<JsonElement> command(Body body) {
    return ready.thenCompose(v -> {
      try {
        return body.run();
      } catch (InvalidArgumentsException | UnknownTargetException e) {
        return CompletableFuture.failedFuture(invalidParams(e.getMessage()));
      }
    }).exceptionallyCompose(e -> {
      var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof UnknownTargetException || cause instanceof InvalidArgumentsException) {
        return CompletableFuture.failedFuture(invalidParams(cause.getMessage()));
      }
      if (cause instanceof RunFailedException) {
        return CompletableFuture.failedFuture(new ResponseErrorException(
            new ResponseError(Messages.REQUEST_FAILED, cause.getMessage(), null)));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private static ResponseErrorException invalidParams(String message) {
    return new ResponseErrorException(new ResponseError(Messages.INVALID_PARAMS, message, null));
  }
}
