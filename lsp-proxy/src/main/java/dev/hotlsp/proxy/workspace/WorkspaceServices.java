package dev.hotlsp.proxy.workspace;

import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.bridge.build.RebuildDecision;
import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.bridge.build.RebuildLoop;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.ExecutorScheduler;
import dev.hotlsp.bridge.watch.WatchConfig;
import dev.hotlsp.bridge.watch.WorkspaceWatcher;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The editor session's workspace work: for each folder, a watcher whose batches go to gopls (as
 * {@code workspace/didChangeWatchedFiles}, unless the editor watches files for gopls itself) and
 * to a rebuild loop of the folder's run targets. When a folder opens only the configured start
 * targets are built (or all, with {@code startAll}); the others wait for a change that affects
 * them. A folder whose graph cannot be loaded (a broken go.mod) is still watched, and its loop
 * starts once a go.mod or go.work change lets it load.
 */
public final class WorkspaceServices implements AutoCloseable {
  private final WorkspaceSettings settings;
  private final CacheDirs cache;
  private final GoToolchain go;
  private final Router router;
  private final Log log;
  private final BuildReporter reporter;
  private final LoopListener loops;
  private final Decisions decisions;

  /** Told, on the thread that started it, when a folder's rebuild loop has started (its graph loaded). */
  @FunctionalInterface
  public interface LoopListener {
    void started(Path folder, RebuildLoop loop);
  }

  /** Told, on the folder's loop thread, what its rebuild loop decided for each set of changes. */
  @FunctionalInterface
  public interface Decisions {
    void decided(Path folder, RebuildDecision decision);

    /** Told nothing. */
    Decisions NONE = (folder, decision) -> {};
  }

  /** The session's reporter, and the folder's decisions to {@link Decisions}. */
  private record FolderListener(BuildListener reporter, Path folder, Decisions decisions) implements BuildListener {
    @Override
    public void decided(RebuildDecision decision) {
      reporter.decided(decision);
      decisions.decided(folder, decision);
    }

    @Override
    public void buildStarted(BuildStarted started) {
      reporter.buildStarted(started);
    }

    @Override
    public void buildFinished(BuildResult result) {
      reporter.buildFinished(result);
    }
  }
  private final ExecutorScheduler scheduler = new ExecutorScheduler("hotlsp-watch");
  private final List<Folder> folders = new ArrayList<>();

  /** One watched folder and, once its graph has loaded, its rebuild loop. */
  private final class Folder {
    final Path path;
    volatile GoWorkspace workspace;
    volatile RebuildLoop loop;
    WorkspaceWatcher watcher;
    /** Batches that came while the loop was starting: nothing is built at start, so none may be lost. */
    private final List<ChangeBatch> early = new ArrayList<>();
    private boolean starting;

    Folder(Path path) {
      this.path = path;
    }

    void onBatch(ChangeBatch batch) {
      batch.changes().stream().filter(c -> c.path().getFileName().toString().endsWith(".go"))
          .forEach(c -> router.fileChanged(c.path().toUri().toString()));
      if (!router.editorWatchesFiles()) {
        var current = loop;
        WatchedFiles.params(batch.changes(), file -> current != null && current.graph().builtFrom(file).isPresent())
            .ifPresent(p -> router.notifyGopls("workspace/didChangeWatchedFiles", p));
      }
      if (!settings.build()) {
        return;
      }
      RebuildLoop current;
      synchronized (this) {
        current = loop;
        if (current == null && starting) {
          early.add(batch);
          return;
        }
      }
      if (current != null) {
        current.onBatch(batch);
      } else if (batch.changes().stream().anyMatch(c -> c.path().getFileName().toString().startsWith("go."))) {
        startLoop(this);
        var started = loop;
        if (started != null) {
          started.onBatch(batch); // the fix is a change like any other: it builds what it affects
        }
      }
    }

    synchronized void starting() {
      starting = true;
    }

    /**
     * The loop has started ({@code null}: it could not) and gets the batches that came meanwhile;
     * false if it could not start and one of those changed a go.mod or go.work (try again).
     */
    synchronized boolean started(RebuildLoop started) {
      loop = started;
      boolean goFileChanged = early.stream().flatMap(b -> b.changes().stream())
          .anyMatch(c -> c.path().getFileName().toString().startsWith("go."));
      if (started != null) {
        early.forEach(started::onBatch);
      }
      early.clear();
      starting = false;
      return started != null || !goFileChanged || Thread.currentThread().isInterrupted();
    }
  }

  private WorkspaceServices(WorkspaceSettings settings, CacheDirs cache, GoToolchain go, Router router, Log log,
      BuildReporter reporter, LoopListener loops, Decisions decisions) {
    this.loops = loops;
    this.decisions = decisions;
    this.settings = settings;
    this.cache = cache;
    this.go = go;
    this.router = router;
    this.log = log;
    this.reporter = reporter;
  }

  /**
   * Starts watching (and building, into {@code cache}: the folders are only read) {@code paths};
   * blocks while the watches are set up.
   */
  public static WorkspaceServices start(WorkspaceSettings settings, List<Path> paths, CacheDirs cache, GoToolchain go,
      EditorChannel editor, Router router, Log log, boolean progressSupported, Consumer<BuildResult> results,
      LoopListener loops) {
    return start(settings, paths, cache, go, editor, router, log, progressSupported, results, loops, Decisions.NONE);
  }

  /** As the other {@code start}, with each folder's rebuild decisions told to {@code decisions}. */
  public static WorkspaceServices start(WorkspaceSettings settings, List<Path> paths, CacheDirs cache, GoToolchain go,
      EditorChannel editor, Router router, Log log, boolean progressSupported, Consumer<BuildResult> results,
      LoopListener loops, Decisions decisions) {
    var services = new WorkspaceServices(settings, cache, go, router, log,
        new BuildReporter(editor, router, progressSupported, log, results), loops, decisions);
    for (var path : paths) {
      services.add(path);
    }
    return services;
  }

  private void add(Path path) {
    var folder = new Folder(path);
    folders.add(folder);
    try {
      folder.workspace = GoWorkspace.detect(path, go);
    } catch (IOException e) {
      log.info("no Go module at " + path + " (" + e.getMessage() + "); watching it without builds");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    var roots = folder.workspace == null ? List.of(path) : folder.workspace.watchRoots();
    if (settings.build() && folder.workspace != null) {
      folder.starting();
    }
    try {
      folder.watcher = WorkspaceWatcher.start(
          new WatchConfig(roots, settings.excludeGlobs(), settings.debounce()), scheduler, folder::onBatch);
      log.info("watching " + roots);
    } catch (IOException e) {
      log.warn("cannot watch " + path + ": " + e.getMessage());
    }
    if (settings.build() && folder.workspace != null) {
      startLoop(folder);
    }
  }

  /** Starts the folder's loop; tries again while a go.mod or go.work change came during a failed try. */
  private synchronized void startLoop(Folder folder) {
    do {
      folder.starting();
    } while (!folder.started(tryStartLoop(folder)));
  }

  private RebuildLoop tryStartLoop(Folder folder) {
    RebuildLoop loop = null;
    try {
      if (folder.workspace == null) {
        folder.workspace = GoWorkspace.detect(folder.path, go);
      }
      var config = RebuildConfig.defaults(folder.workspace, cache).withTargets(settings.targets())
          .withStaleReasons(settings.staleReasons()).withBuildFlags(settings.buildFlags());
      loop = RebuildLoop.start(config, go, new FolderListener(reporter, folder.path, decisions));
      loops.started(folder.path, loop);
      if (settings.startAll()) {
        loop.build(Set.of(), "initial build");
      } else {
        var mine = startTargets(folder, loop);
        if (!mine.isEmpty()) {
          loop.build(mine, "initial build");
        }
      }
    } catch (GraphLoadException e) {
      log.warn("cannot load the import graph of " + folder.path + " (builds wait for a go.mod fix): "
          + e.stderr().strip());
    } catch (IOException e) {
      log.warn("cannot build " + folder.path + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return loop;
  }


  /** The start targets that are main packages of this folder (several folders share the settings). */
  private Set<String> startTargets(Folder folder, RebuildLoop loop) {
    var commands = loop.graph().commands();
    var mine = new java.util.TreeSet<String>();
    for (var target : settings.startTargets()) {
      if (commands.contains(target)) {
        mine.add(target);
      } else {
        log.info("--build " + target + ": not a main package of " + folder.path + "; not built there");
      }
    }
    return mine;
  }

  @Override
  public void close() {
    for (var folder : folders) {
      try {
        if (folder.watcher != null) {
          folder.watcher.close();
        }
        if (folder.loop != null) {
          folder.loop.close();
        }
      } catch (IOException e) {
        log.debug("closing the watcher of " + folder.path + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    scheduler.close();
  }
}
