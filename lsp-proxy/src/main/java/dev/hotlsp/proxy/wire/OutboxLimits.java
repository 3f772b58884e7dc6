package dev.hotlsp.proxy.wire;

import java.time.Duration;

/**
 * How much a {@link FrameOutbox} may hold and how long its peer may stop reading.
 *
 * @param budgetBytes bytes queued (header and body) beyond which the peer's senders wait
 * @param stallLimit no write progress for this long while the budget is full: the peer is stalled
 */
public record OutboxLimits(long budgetBytes, Duration stallLimit) {
  /** The smallest budget accepted (one pipe buffer). */
  public static final long MIN_BUDGET = 64 * 1024;

  public OutboxLimits {
    if (budgetBytes < MIN_BUDGET) {
      throw new IllegalArgumentException("the outbox budget must be at least " + MIN_BUDGET + " bytes");
    }
    if (stallLimit.isNegative() || stallLimit.isZero()) {
      throw new IllegalArgumentException("the stall limit must be positive");
    }
  }

  /** 16 MiB and 30 s. */
  public static OutboxLimits defaults() {
    return new OutboxLimits(16L << 20, Duration.ofSeconds(30));
  }
}
