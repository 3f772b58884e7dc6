package dev.hotlsp.bridge.testing;

import dev.hotlsp.bridge.watch.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} whose time moves only when a test calls {@link #advance}. Not thread-safe.
 */
public final class FakeScheduler implements Scheduler {
  private final List<Task> tasks = new ArrayList<>();
  private Duration now = Duration.ZERO;
  private long sequence;

  private final class Task {
    final Duration due;
    final long order = sequence++;
    final Runnable run;
    boolean cancelled;

    Task(Duration due, Runnable run) {
      this.due = due;
      this.run = run;
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable run) {
    var task = new Task(now.plus(delay), run);
    tasks.add(task);
    return () -> task.cancelled = true;
  }

  /** Moves time forward, running every task that falls due, in due-time order. */
  public void advance(Duration by) {
    var until = now.plus(by);
    while (true) {
      var next =
          tasks.stream()
              .filter(t -> !t.cancelled && t.due.compareTo(until) <= 0)
              .min(
                  Comparator.<Task, Duration>comparing(t -> t.due).thenComparingLong(t -> t.order));
      if (next.isEmpty()) {
        break;
      }
      tasks.remove(next.get());
      now = next.get().due;
      next.get().run.run();
    }
    now = until;
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }
}
