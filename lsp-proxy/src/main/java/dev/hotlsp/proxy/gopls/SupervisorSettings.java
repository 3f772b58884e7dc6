package dev.hotlsp.proxy.gopls;

import dev.hotlsp.proxy.wire.OutboxLimits;
import java.time.Duration;

/**
 * How gopls is supervised.
 *
 * @param crashLimit crashes within {@code crashWindow} after which HotLSP stops restarting
 * @param initializeTimeout a gopls (the first or a restarted one) that does not answer initialize in time has
 *     crashed
 * @param queueBound how long a request waits for a restarting gopls before ContentModified
 * @param maxMessageBytes the largest message read from gopls
 * @param outbox the budget of gopls's input queue, and how long gopls may stop reading it
 */
public record SupervisorSettings(
    int crashLimit, Duration crashWindow, Duration initializeTimeout, Duration queueBound, long maxMessageBytes,
    OutboxLimits outbox) {
  public SupervisorSettings {
    if (crashLimit < 1 || maxMessageBytes < 1) {
      throw new IllegalArgumentException("crashLimit and maxMessageBytes must be positive");
    }
  }

  /** With the default {@link OutboxLimits}. */
  public SupervisorSettings(
      int crashLimit, Duration crashWindow, Duration initializeTimeout, Duration queueBound, long maxMessageBytes) {
    this(crashLimit, crashWindow, initializeTimeout, queueBound, maxMessageBytes, OutboxLimits.defaults());
  }

  public static SupervisorSettings defaults() {
    return new SupervisorSettings(
        5, Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofSeconds(10), 256L << 20);
  }
}
