package dev.hotlsp.proxy.gopls;

import java.time.Duration;

/**
 * How gopls is supervised.
 *
 * @param crashLimit crashes within {@code crashWindow} after which HotLSP stops restarting
 * @param initializeTimeout a gopls (the first or a restarted one) that does not answer initialize in time has
 *     crashed
 * @param queueBound how long a request waits for a restarting gopls before ContentModified
 * @param maxMessageBytes the largest message read from gopls
 */
public record SupervisorSettings(
    int crashLimit, Duration crashWindow, Duration initializeTimeout, Duration queueBound, long maxMessageBytes) {
  public SupervisorSettings {
    if (crashLimit < 1 || maxMessageBytes < 1) {
      throw new IllegalArgumentException("crashLimit and maxMessageBytes must be positive");
    }
  }

  public static SupervisorSettings defaults() {
    return new SupervisorSettings(
        5, Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofSeconds(10), 256L << 20);
  }
}
