package dev.hotlsp.proxy.gopls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrashPolicyTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void backsOffAndGivesUpOnTheFifthCrashWithinTheWindow() {
    var clock = new ManualClock();
    var policy = new CrashPolicy(5, Duration.ofMinutes(3), clock);
    assertEquals(Optional.of(Duration.ZERO), policy.onCrash());
    assertEquals(Optional.of(Duration.ofMillis(100)), policy.onCrash());
    assertEquals(Optional.of(Duration.ofMillis(200)), policy.onCrash());
    assertEquals(Optional.of(Duration.ofMillis(400)), policy.onCrash());
    assertTrue(policy.onCrash().isEmpty());
  }

  @Test
  void crashesOutsideTheWindowAreForgotten() {
    var clock = new ManualClock();
    var policy = new CrashPolicy(2, Duration.ofMinutes(3), clock);
    assertEquals(Optional.of(Duration.ZERO), policy.onCrash());
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    assertEquals(Optional.of(Duration.ZERO), policy.onCrash());
    assertTrue(policy.onCrash().isEmpty());
    policy.reset();
    assertEquals(Optional.of(Duration.ZERO), policy.onCrash());
  }
}
