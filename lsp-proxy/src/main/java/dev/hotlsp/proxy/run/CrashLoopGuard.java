package dev.hotlsp.proxy.run;

import java.time.Duration;

/**
 * Whether a target that ended by itself may be restarted: one that died within {@code quick} of
 * its start {@code limit} times in a row is held until the next change (a changed binary, or the
 * user asking). Not thread-safe: one per target, used on its controller's thread.
 */
final class CrashLoopGuard {
  static final Duration QUICK = Duration.ofSeconds(1);
  static final int LIMIT = 3;

  private final Duration quick;
  private final int limit;
  private int quickDeaths;

  CrashLoopGuard(Duration quick, int limit) {
    this.quick = quick;
    this.limit = limit;
  }

  CrashLoopGuard() {
    this(QUICK, LIMIT);
  }

  /** Records an end after {@code ranFor}; true if the target may be restarted now. */
  boolean ended(Duration ranFor) {
    quickDeaths = ranFor.compareTo(quick) < 0 ? quickDeaths + 1 : 0;
    return !held();
  }

  /** The binary changed or the user asked: start counting again. */
  void reset() {
    quickDeaths = 0;
  }

  boolean held() {
    return quickDeaths >= limit;
  }

  int quickDeaths() {
    return quickDeaths;
  }
}
