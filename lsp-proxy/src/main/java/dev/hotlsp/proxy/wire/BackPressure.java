package dev.hotlsp.proxy.wire;

/** Where a reader thread waits before reading its next message, so a full outbox slows its source. */
@FunctionalInterface
public interface BackPressure {
  /** No waiting (an in-memory peer). */
  BackPressure NONE = () -> {};

  /** Returns once the destination has room again, or has failed (then sends to it are dropped). */
  void awaitRoom();
}
