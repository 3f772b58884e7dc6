package dev.hotlsp.bridge.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Watches every root of a {@link WatchConfig} recursively and reports settled changes in batches.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Batches go to the {@link ChangeBatchListener} one call at a time, on the scheduler's
 *       thread, in the order the quiet periods ended; a call never overlaps the next.
 *   <li>A batch is delivered after the debounce's quiet period (default 10 ms) has passed with no
 *       new event: a burst of any length (a {@code git checkout}) is one batch.
 *   <li>A batch is never empty, names each path at most once, holds only regular files (a deleted
 *       directory is reported as the deletion of each file that was under it), with absolute
 *       normalized paths under a root and outside the {@link PathFilter} exclusions.
 *   <li>Kinds are relative to the state last delivered: a file created and deleted within one quiet
 *       period is not reported; a save whose bytes equal the last delivered content is not
 *       reported. Content hashes are kept only for files reported since start; start-up only stats
 *       the tree, it reads no file.
 *   <li>When the watch service loses events (overflow), the next batch is a rescan: the tree is
 *       re-walked and diffed against the last delivered state, and {@link ChangeBatch#rescanned()}
 *       is true. Nothing is lost silently.
 *   <li>Exceptions thrown by the listener are logged and do not stop the watcher.
 *   <li>Symbolic links are not followed.
 *   <li>A root deleted, restored or replaced while watched is picked up again: every {@link
 *       #ROOT_CHECK} the roots are compared with the directories the watch was put on (and a watch
 *       that lost every directory counts as lost); on a difference the watch starts again on the
 *       roots that exist, and the next batch is a rescan — a restored root's files are created, a
 *       deleted root's deleted.
 * </ul>
 *
 * <p>{@link #start} returns once every directory is watched. Thread-safe.
 */
public final class WorkspaceWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WorkspaceWatcher.class.getName());

  /** How often the roots are compared with the directories being watched. */
  public static final Duration ROOT_CHECK = Duration.ofSeconds(1);

  private final List<Path> roots;
  private final PathFilter filter;
  private final ChangeAccumulator accumulator;
  private final Scheduler scheduler;
  private final Object lock = new Object();
  private Watch watch; // null while no root exists
  private RootIdentities watched;
  private RootIdentities failed;
  private Scheduler.Cancellable nextCheck = () -> {};
  private boolean closed;

  private WorkspaceWatcher(List<Path> roots, PathFilter filter, ChangeAccumulator accumulator, Scheduler scheduler,
      Watch watch, RootIdentities watched) {
    this.roots = roots;
    this.filter = filter;
    this.accumulator = accumulator;
    this.scheduler = scheduler;
    this.watch = watch;
    this.watched = watched;
  }

  /**
   * Starts watching; returns when every directory under the roots has its watch.
   *
   * @throws IOException when a root cannot be walked or watched
   */
  public static WorkspaceWatcher start(
      WatchConfig config, Scheduler scheduler, ChangeBatchListener listener) throws IOException {
    var filter = PathFilter.of(config);
    var states = new FileStates(filter);
    var identities = RootIdentities.of(config.roots());
    states.record(config.roots());
    var accumulator =
        new ChangeAccumulator(config.roots(), states, scheduler, config.debounce(), listener);
    var watcher = new WorkspaceWatcher(config.roots(), filter, accumulator, scheduler,
        Watch.start(config.roots(), filter, accumulator), identities);
    watcher.scheduleCheck();
    return watcher;
  }

  private void scheduleCheck() {
    synchronized (lock) {
      if (!closed) {
        nextCheck = scheduler.schedule(ROOT_CHECK, this::checkRoots);
      }
    }
  }

  /** On the scheduler's thread: a root deleted, restored or replaced gets a new watch and a rescan. */
  private void checkRoots() {
    var now = RootIdentities.of(roots);
    synchronized (lock) {
      if (closed) {
        return;
      }
      boolean lost = watch != null && watch.running().isDone();
      if (lost || !now.equals(watched)) {
        restart(now);
      }
    }
    scheduleCheck();
  }

  private void restart(RootIdentities now) {
    if (watch != null) {
      watch.close();
      watch = null;
    }
    var present = now.present();
    try {
      watch = present.isEmpty() ? null : Watch.start(present, filter, accumulator);
      watched = now;
      failed = null;
      LOG.log(System.Logger.Level.INFO, "watching " + present + " again (" + roots + " changed on disk)");
    } catch (IOException e) {
      if (!now.equals(failed)) {
        LOG.log(System.Logger.Level.WARNING, "cannot watch " + present + " again: " + e.getMessage());
      }
      failed = now; // watched stays as it was: the next check tries again
    }
    accumulator.overflow(); // what happened while nothing watched is found by the rescan
  }

  private static void forward(
      DirectoryChangeEvent event, PathFilter filter, ChangeAccumulator accumulator) {
    if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
      accumulator.overflow();
    } else if (event.path() != null && !filter.excludes(event.path())) {
      accumulator.touched(event.path());
    }
  }

  /** Stops watching; no batch starts after this returns (one in progress may finish). */
  @Override
  public void close() throws IOException {
    Watch last;
    synchronized (lock) {
      closed = true;
      nextCheck.cancel();
      last = watch;
      watch = null;
    }
    accumulator.close();
    if (last != null) {
      last.close();
    }
  }

  /** One directory-watcher over some roots, with its thread. */
  private record Watch(DirectoryWatcher watcher, ExecutorService loop, CompletableFuture<Void> running) {
    static Watch start(List<Path> roots, PathFilter filter, ChangeAccumulator accumulator) throws IOException {
      var watcher =
          DirectoryWatcher.builder()
              .paths(roots)
              .fileHashing(false)
              .fileTreeVisitor(new FilteredTreeVisitor(filter))
              .listener(event -> forward(event, filter, accumulator))
              .build();
      var loop =
          Executors.newSingleThreadExecutor(
              r -> {
                var t = new Thread(r, "hotlsp-watcher");
                t.setDaemon(true);
                return t;
              });
      var running = watcher.watchAsync(loop);
      if (running.isCompletedExceptionally()) {
        loop.shutdownNow();
        try {
          running.join();
        } catch (java.util.concurrent.CompletionException e) {
          throw new IOException("cannot watch " + roots, e.getCause());
        }
      }
      return new Watch(watcher, loop, running);
    }

    void close() {
      try {
        watcher.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing a watch", e);
      } finally {
        loop.shutdownNow();
      }
    }
  }
}
