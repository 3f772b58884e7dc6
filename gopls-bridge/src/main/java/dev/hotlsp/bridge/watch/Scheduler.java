package dev.hotlsp.bridge.watch;

import java.time.Duration;

/**
 * Runs tasks after a delay, one at a time in submission-time order: the clock of debouncing,
 * injected so tests drive time by hand.
 */
public interface Scheduler {
  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; a no-op otherwise. */
    void cancel();
  }

  /** Runs {@code task} once, after {@code delay}, never concurrently with another task. */
  Cancellable schedule(Duration delay, Runnable task);
}
