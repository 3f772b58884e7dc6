package dev.hotlsp.bridge.jobs;

import java.io.IOException;
import java.util.Set;
import java.util.SortedSet;

/**
 * One kind of go command a workspace runs through {@link WorkspaceJobs} (builds, tests): which
 * queued keys one command covers, how it starts, when a newer request makes the running one stale,
 * and where its outcome goes. Called on the thread that owns the {@link WorkspaceJobs}.
 *
 * @param <K> what is queued (a run target, a package to test)
 * @param <O> what one finished command gives
 */
public interface JobLane<K extends Comparable<K>, O> {
  /** The lane's name, for logs. */
  String name();

  /** The keys of the next command: a non-empty subset of {@code queued} (e.g. distinct binary names). */
  Set<K> next(SortedSet<K> queued);

  /** Starts one go command covering {@code keys}. */
  Job<O> start(SortedSet<K> keys) throws IOException;

  /** Whether a request for {@code requested} makes this lane's running command of {@code running} stale. */
  boolean staleAfter(SortedSet<K> running, Set<K> requested);

  /** The command of {@code keys} ended and was not stopped: its outcome is current. */
  void finished(SortedSet<K> keys, O outcome);

  /** The command of {@code keys} could not start; its keys leave the queue. */
  void notStarted(SortedSet<K> keys, IOException failure);

  /** The command of {@code keys} ended without an outcome (its future failed); its keys leave the queue. */
  default void failed(SortedSet<K> keys, Throwable failure) {}

  /** The command of {@code keys} was stopped by a newer request; its keys are queued again. */
  default void stopped(SortedSet<K> keys) {}
}
