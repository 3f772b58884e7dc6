package dev.hotlsp.bridge.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The one policy for a workspace's go commands, shared by builds and tests: at most one go command
 * runs per workspace; what is requested meanwhile waits in its lane's queue; a newer request that
 * makes the running command stale (its lane's {@link JobLane#staleAfter}) stops it and puts its keys
 * back in the queue, so the next command covers them and the new ones; an outcome is dropped unless
 * it is the running command's. Lanes rank in the order they were first requested (the owner
 * registers builds first): when nothing runs, the first lane with queued keys starts, and a request
 * to a lane ranked above the running command's stops it too (a build of a newer change never waits
 * for a test run of the older one; the tests run again after it).
 *
 * <p>Not thread-safe: every method runs on the owner's one thread (the {@code RebuildLoop}'s); a
 * command's outcome is handed back to that thread through {@code owner}.
 */
public final class WorkspaceJobs {
  private static final System.Logger LOG = System.getLogger(WorkspaceJobs.class.getName());

  /** A lane's queue. */
  private static final class Queue<K extends Comparable<K>, O> {
    final JobLane<K, O> lane;
    final SortedSet<K> keys = new TreeSet<>();

    Queue(JobLane<K, O> lane) {
      this.lane = lane;
    }
  }

  /** The running command: its number, lane and keys. */
  private record Running<K extends Comparable<K>, O>(long number, Queue<K, O> queue, SortedSet<K> keys, Job<O> job) {}

  private final Consumer<Runnable> owner;
  private final List<Queue<?, ?>> lanes = new ArrayList<>();
  private Running<?, ?> running;
  private long commands;

  /** @param owner runs a task on the owner's thread (where a finished command is taken in) */
  public WorkspaceJobs(Consumer<Runnable> owner) {
    this.owner = owner;
  }

  /**
   * Queues {@code keys} in {@code lane}; stops the running command if the request makes it stale,
   * then starts the next command if none runs.
   */
  public <K extends Comparable<K>, O> void request(JobLane<K, O> lane, Set<K> keys) {
    if (keys.isEmpty()) {
      return;
    }
    var queue = queueOf(lane);
    queue.keys.addAll(keys);
    if (running != null && stales(running, queue, keys)) {
      stopRunning(true);
    }
    startNext();
  }

  /**
   * Ranks {@code lane} below the lanes known so far (a lane first seen in {@link #request} is ranked
   * then); nothing if it is known.
   */
  public void register(JobLane<?, ?> lane) {
    queueOf(lane);
  }

  /** Whether a command runs now. */
  public boolean busy() {
    return running != null;
  }

  /** Stops the running command and forgets every queue (the owner is closing). */
  public void stopAll() {
    if (running != null) {
      stopRunning(false);
    }
    lanes.forEach(q -> q.keys.clear());
  }

  private <K extends Comparable<K>> boolean stales(Running<?, ?> now, Queue<K, ?> requested, Set<K> keys) {
    if (now.queue() != requested) {
      return lanes.indexOf(requested) < lanes.indexOf(now.queue());
    }
    @SuppressWarnings("unchecked")
    var same = (Running<K, ?>) now;
    return requested.lane.staleAfter(same.keys(), keys);
  }

  private void stopRunning(boolean requeue) {
    var stopped = running;
    running = null;
    LOG.log(System.Logger.Level.DEBUG, () -> "phase stopped " + stopped.queue().lane.name() + " " + stopped.keys());
    stopped.job().stop();
    if (requeue) {
      requeue(stopped);
    }
  }

  private static <K extends Comparable<K>, O> void requeue(Running<K, O> stopped) {
    stopped.queue().keys.addAll(stopped.keys());
    stopped.queue().lane.stopped(stopped.keys());
  }

  private void startNext() {
    for (int i = 0; running == null && i < lanes.size(); ) {
      if (!startFrom(lanes.get(i))) {
        i++;
      }
    }
  }

  /** Starts one command of {@code queue}'s keys if it has any; false if it has none left. */
  private <K extends Comparable<K>, O> boolean startFrom(Queue<K, O> queue) {
    if (queue.keys.isEmpty()) {
      return false;
    }
    var keys = Collections.unmodifiableSortedSet(new TreeSet<>(queue.lane.next(Collections.unmodifiableSortedSet(queue.keys))));
    if (keys.isEmpty() || !queue.keys.containsAll(keys)) {
      throw new IllegalStateException(queue.lane.name() + " picked " + keys + " from " + queue.keys);
    }
    queue.keys.removeAll(keys);
    Job<O> job;
    try {
      job = queue.lane.start(keys);
    } catch (IOException e) {
      queue.lane.notStarted(keys, e);
      return true;
    }
    var started = new Running<>(++commands, queue, keys, job);
    running = started;
    LOG.log(System.Logger.Level.DEBUG, () -> "phase started " + queue.lane.name() + " " + keys);
    job.outcome().whenComplete((outcome, failure) -> owner.accept(() -> finished(started, outcome, failure)));
    return true;
  }

  private <K extends Comparable<K>, O> void finished(Running<K, O> done, O outcome, Throwable failure) {
    if (running == null || running.number() != done.number()) {
      return; // stopped or superseded: stale
    }
    running = null;
    if (failure != null) {
      LOG.log(System.Logger.Level.WARNING, done.queue().lane.name() + " of " + done.keys() + " failed", failure);
      done.queue().lane.failed(done.keys(), failure);
    } else {
      done.queue().lane.finished(done.keys(), outcome);
    }
    startNext();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <K extends Comparable<K>, O> Queue<K, O> queueOf(JobLane<K, O> lane) {
    for (var queue : lanes) {
      if (queue.lane == lane) {
        return (Queue<K, O>) queue;
      }
    }
    var queue = new Queue(lane);
    lanes.add(queue);
    return queue;
  }
}
