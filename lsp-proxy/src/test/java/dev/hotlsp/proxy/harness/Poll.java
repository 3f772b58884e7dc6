package dev.hotlsp.proxy.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that nothing signals (the state of processes the test does not own):
 * checks it every few milliseconds until it holds or the timeout ends. Message-driven conditions
 * use {@link MessageLog#await} instead.
 */
public final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(20);

  private Poll() {}

  /** Returns once {@code holds} is true; {@link AssertionError} with {@code state} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier holds, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!holds.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not true within " + timeout + ": " + what + "; " + state.get());
      }
      LockSupport.parkNanos(INTERVAL.toNanos());
    }
  }
}
