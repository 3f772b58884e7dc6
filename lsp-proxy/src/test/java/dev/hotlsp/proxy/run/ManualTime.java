package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.watch.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that move only when the test says so. */
final class ManualTime extends Clock implements Scheduler {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final List<Task> tasks = new ArrayList<>();
  private long sequence;

  private record Task(Instant due, long order, Runnable run, boolean[] cancelled) {}

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    var cancelled = new boolean[1];
    tasks.add(new Task(now.plus(delay), sequence++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time forward by {@code d}, running every task that falls due, in order. */
  void advance(Duration d) {
    var end = now.plus(d);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.due().isAfter(end))
            .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
        if (next == null) {
          now = end;
          return;
        }
        tasks.remove(next);
        if (next.due().isAfter(now)) {
          now = next.due();
        }
      }
      if (!next.cancelled()[0]) {
        next.run().run();
      }
    }
  }

  synchronized long pendingTasks() {
    return tasks.stream().filter(t -> !t.cancelled()[0]).count();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(java.time.ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
