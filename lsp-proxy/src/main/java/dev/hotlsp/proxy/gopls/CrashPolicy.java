package dev.hotlsp.proxy.gopls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides whether to restart gopls after a crash, and after what delay: exponential backoff,
 * and give up after {@code limit} crashes within {@code window}. Not thread-safe; owned by the
 * supervisor's lock.
 */
public final class CrashPolicy {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> crashes = new ArrayDeque<>();

  public CrashPolicy(int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Records a crash; returns the delay before restarting, or empty to give up. */
  public Optional<Duration> onCrash() {
    var now = clock.instant();
    crashes.addLast(now);
    while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
      crashes.removeFirst();
    }
    int recent = crashes.size();
    if (recent >= limit) {
      return Optional.empty();
    }
    long millis = recent <= 1 ? 0 : Math.min(4000, 100L << Math.min(recent - 2, 6));
    return Optional.of(Duration.ofMillis(millis));
  }

  /** Forgets every crash (the user asked for a restart). */
  public void reset() {
    crashes.clear();
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }
}
