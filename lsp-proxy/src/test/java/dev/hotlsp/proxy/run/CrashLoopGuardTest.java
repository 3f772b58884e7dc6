package dev.hotlsp.proxy.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashLoopGuardTest {
  private static final Duration FAST = Duration.ofMillis(999);
  private static final Duration SLOW = Duration.ofSeconds(1);

  @Test
  void threeQuickDeathsInARowHoldTheTargetUntilTheNextChange() {
    var guard = new CrashLoopGuard();
    assertTrue(guard.ended(FAST));
    assertTrue(guard.ended(FAST));
    assertFalse(guard.ended(FAST));
    assertTrue(guard.held());
    guard.reset();
    assertFalse(guard.held());
    assertTrue(guard.ended(FAST));
  }

  @Test
  void aRunOfAtLeastTheQuickSpanStartsTheCountAgain() {
    var guard = new CrashLoopGuard();
    guard.ended(FAST);
    guard.ended(FAST);
    assertTrue(guard.ended(SLOW));
    assertTrue(guard.ended(FAST));
    assertTrue(guard.ended(FAST));
    assertFalse(guard.ended(FAST));
  }
}
