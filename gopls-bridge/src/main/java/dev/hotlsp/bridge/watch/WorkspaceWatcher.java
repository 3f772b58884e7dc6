package dev.hotlsp.bridge.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
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
 *   <li>A batch is delivered after the debounce's quiet period (default 50 ms) has passed with no
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
 * </ul>
 *
 * <p>{@link #start} returns once every directory is watched. Thread-safe.
 */
public final class WorkspaceWatcher implements AutoCloseable {
  private final DirectoryWatcher watcher;
  private final ChangeAccumulator accumulator;
  private final ExecutorService loop;

  private WorkspaceWatcher(
      DirectoryWatcher watcher, ChangeAccumulator accumulator, ExecutorService loop) {
    this.watcher = watcher;
    this.accumulator = accumulator;
    this.loop = loop;
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
    states.record(config.roots());
    var accumulator =
        new ChangeAccumulator(config.roots(), states, scheduler, config.debounce(), listener);
    var watcher =
        DirectoryWatcher.builder()
            .paths(config.roots())
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
        throw new IOException("cannot watch " + config.roots(), e.getCause());
      }
    }
    return new WorkspaceWatcher(watcher, accumulator, loop);
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
    accumulator.close();
    try {
      watcher.close();
    } finally {
      loop.shutdownNow();
    }
  }
}
