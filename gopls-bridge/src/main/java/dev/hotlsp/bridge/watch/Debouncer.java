package dev.hotlsp.bridge.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trailing debounce: items accumulate until {@code quiet} has passed with no new item, then the
 * sink gets them all in one call, on the {@link Scheduler}'s thread, so calls are sequential.
 * Thread-safe.
 */
public final class Debouncer<T> {
  private final Scheduler scheduler;
  private final Duration quiet;
  private final Consumer<List<T>> sink;
  private final Object lock = new Object();
  private List<T> pending = new ArrayList<>();
  private Scheduler.Cancellable timer;
  private long armed;

  public Debouncer(Scheduler scheduler, Duration quiet, Consumer<List<T>> sink) {
    if (quiet.isNegative()) {
      throw new IllegalArgumentException("negative quiet period: " + quiet);
    }
    this.scheduler = scheduler;
    this.quiet = quiet;
    this.sink = sink;
  }

  /** Adds an item and restarts the quiet period. */
  public void add(T item) {
    synchronized (lock) {
      pending.add(item);
      if (timer != null) {
        timer.cancel();
      }
      long token = ++armed;
      timer = scheduler.schedule(quiet, () -> flush(token));
    }
  }

  private void flush(long token) {
    List<T> items;
    synchronized (lock) {
      if (token != armed || pending.isEmpty()) {
        return;
      }
      items = pending;
      pending = new ArrayList<>();
      timer = null;
    }
    sink.accept(List.copyOf(items));
  }
}
