package dev.hotlsp.bridge.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A thread-safe list of observed values with a wait-until-condition (no sleeps). */
public final class Recorder<T> {
  private final List<T> items = new ArrayList<>();

  public synchronized void add(T item) {
    items.add(item);
    notifyAll();
  }

  public synchronized List<T> all() {
    return List.copyOf(items);
  }

  /** Waits until {@code condition} holds for the items so far; fails after {@code timeout}. */
  public synchronized List<T> await(Predicate<List<T>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(items)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("condition not met within " + timeout + "; items: " + items);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(items);
  }

  /** Waits for the {@code n}-th item (1-based) matching {@code match} and returns it. */
  public T awaitNth(int n, Predicate<T> match, Duration timeout) throws InterruptedException {
    var list = await(l -> l.stream().filter(match).count() >= n, timeout);
    return list.stream().filter(match).skip(n - 1).findFirst().orElseThrow();
  }
}
