package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.graph.StalenessProbe;
import dev.hotlsp.bridge.jobs.WorkspaceJobs;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.ChangeBatchListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Watch, decide, rebuild: an actor on one thread that turns change batches into builds of the
 * affected run targets only.
 *
 * <p><b>Decision rule.</b> For each batch: (1) reload the import graph with one {@code go list}
 * only if {@link dev.hotlsp.bridge.graph.GraphRefresh} says it is out of date; (2) map the changed
 * files to run targets with {@link dev.hotlsp.bridge.graph.AffectedTargets} over the old and the
 * new graph; no target, no build (a {@code _test.go} file, an unimported package, a README, a
 * non-embedded file). (3) The affected targets are built in one {@code go build -o <staging>/
 * <flags> <package>...} (go shares and parallelises the work), at a lower CPU priority ({@code
 * nice -n 10} in an editor session, see {@link RebuildConfig#niceness}), GOTOOLCHAIN=local, the same flags every time; targets whose binaries go would give
 * the same name go to separate builds, run one after another. At most one go build runs per
 * workspace: targets affected meanwhile wait for it, unless it builds one of them — then it is
 * stopped (the whole go process tree) and the next build covers its targets and the new ones. A
 * target succeeded iff go wrote its binary (go writes the others when one fails); each binary is
 * renamed to {@link RebuildConfig#binaryOf} (in the user's cache, never in the workspace). (4)
 * Whether a new binary exists — and so whether to restart — is decided only by comparing
 * the digest of the output file, its build IDs masked ({@link BinaryDigest}), with that of the target's last successful build (or of the file
 * found at the first build): {@code binaryChanged} is true iff the build succeeded and the digests
 * differ. Neither {@code go list}'s Stale flag (which for a main package compares against the
 * binary installed in GOBIN) nor any mtime takes part; Stale and StaleReason are only asked for the
 * targets being built, in parallel with the build, to explain the rebuild in {@link
 * BuildResult#reason()}.
 *
 * <p>The one-go-command-at-a-time rule is the workspace's {@link WorkspaceJobs}, owned by this
 * loop's thread: the builds are its first lane, and another kind of go command (the editor's test
 * runs) is queued in it through {@link #withJobs}, so it runs after the build of the same change and
 * never beside a build.
 *
 * <p>StaleReason is waited for at most 100 ms after the build ends, so it never delays a result
 * (turn it off with {@link RebuildConfig#withStaleReasons}). Batches that queue up while the loop
 * is busy (e.g. reloading the graph) are merged into one decision.
 *
 * <p>The listener is called on the loop's thread: {@link BuildListener#decided} once per
 * decision, then {@link BuildListener#buildStarted} for each target when the go build that
 * covers it starts, later {@link BuildListener#buildFinished} once per target of a go build that
 * was not stopped (a stopped build reports nothing; its successor reports the reasons of both).
 * Thread-safe.
 */
public final class RebuildLoop implements ChangeBatchListener, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RebuildLoop.class.getName());

  private final BlockingQueue<LoopEvent> inbox = new LinkedBlockingQueue<>();
  private final ExecutorService io = Executors.newCachedThreadPool(daemon("hotlsp-build-io"));
  /** The workspace's one go command at a time, builds first; used on the loop's thread only. */
  private final WorkspaceJobs jobs = new WorkspaceJobs(task -> inbox.add(new LoopEvent.OnLoop(task)));
  private final Rebuilder rebuilder;
  private final Thread thread;
  private final java.util.Optional<dev.hotlsp.bridge.cache.CacheLease> lease;

  /** Starts the loop on a graph the caller loaded; builds nothing until told or a batch comes. */
  public RebuildLoop(
      RebuildConfig config, GoToolchain go, ImportGraph graph, BuildListener listener) {
    this.lease = lease(config); // the binaries' directory is this loop's while it lives: no HotLSP prunes it
    this.rebuilder =
        new Rebuilder(
            config,
            new ImportGraphLoader(go, config.buildFlags()),
            new BatchBuilder(go, config, io),
            new StalenessProbe(go, config.buildFlags()),
            graph,
            listener,
            jobs,
            io);
    this.thread = daemon("hotlsp-rebuild-loop").newThread(this::run);
    thread.start();
  }

  /** Loads the workspace's import graph (one go list), then starts the loop. */
  public static RebuildLoop start(RebuildConfig config, GoToolchain go, BuildListener listener)
      throws IOException, InterruptedException, GraphLoadException {
    var graph = new ImportGraphLoader(go, config.buildFlags()).load(config.workspace());
    return new RebuildLoop(config, go, graph, listener);
  }

  @Override
  public void onBatch(ChangeBatch batch) {
    inbox.add(new LoopEvent.FilesChanged(batch.changes()));
  }

  /** The workspace's import graph as of the last decision; safe from any thread. */
  public ImportGraph graph() {
    return rebuilder.graph();
  }

  /** Builds {@code targets} (every run target if empty) now, whatever changed. */
  public void build(Set<String> targets, String reason) {
    inbox.add(new LoopEvent.BuildRequested(targets, reason));
  }

  /**
   * Runs {@code task} on the loop's thread with this workspace's job runner, whose first lane is the
   * builds (see {@link WorkspaceJobs}): another kind of go command (tests) queued there shares the
   * one-at-a-time rule with the builds, and its lane is called on the loop's thread.
   */
  public void withJobs(java.util.function.Consumer<WorkspaceJobs> task) {
    inbox.add(new LoopEvent.OnLoop(() -> task.accept(jobs)));
  }

  /** Stops the loop and every running build; returns when the loop's thread has ended. */
  @Override
  public void close() throws InterruptedException {
    inbox.add(new LoopEvent.Stop());
    thread.join();
    io.shutdownNow();
    lease.ifPresent(dev.hotlsp.bridge.cache.CacheLease::close);
  }

  private static java.util.Optional<dev.hotlsp.bridge.cache.CacheLease> lease(RebuildConfig config) {
    try {
      return java.util.Optional.of(config.outputs().lease(config.workspace().root()));
    } catch (IOException | RuntimeException e) {
      // a refused cache is told by the build itself
      LOG.log(System.Logger.Level.DEBUG, "cannot mark the cache directory of " + config.workspace().root() + " as in use: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private void run() {
    try {
      while (true) {
        var event = inbox.take();
        if (event instanceof LoopEvent.Stop) {
          break;
        }
        try {
          handle(event);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, "rebuild loop event failed: " + event, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      rebuilder.stopAll();
    }
  }

  private void handle(LoopEvent event) throws InterruptedException {
    switch (event) {
      case LoopEvent.FilesChanged first -> rebuilder.filesChanged(drain(first).changes());
      case LoopEvent.BuildRequested request ->
          rebuilder.buildRequested(request.targets(), request.reason());
      case LoopEvent.OnLoop task -> task.task().run();
      case LoopEvent.Stop stop -> throw new IllegalStateException("handled by run()");
    }
  }

  /** Merges the changes queued right behind {@code first}: one decision for all of them. */
  private LoopEvent.FilesChanged drain(LoopEvent.FilesChanged first) {
    var batches = new ArrayList<LoopEvent.FilesChanged>(List.of(first));
    while (inbox.peek() instanceof LoopEvent.FilesChanged next) {
      inbox.poll();
      batches.add(next);
    }
    return LoopEvent.FilesChanged.merge(batches);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      var t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
