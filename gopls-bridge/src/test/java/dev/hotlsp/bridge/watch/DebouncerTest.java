package dev.hotlsp.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebouncerTest {
  private static final Duration QUIET = Duration.ofMillis(50);
  private final FakeScheduler clock = new FakeScheduler();
  private final List<List<String>> batches = new ArrayList<>();
  private final Debouncer<String> debouncer = new Debouncer<>(clock, QUIET, batches::add);

  @Test
  void deliversNothingBeforeTheQuietPeriodEnds() {
    debouncer.add("a");
    clock.advance(Duration.ofMillis(49));
    assertTrue(batches.isEmpty());
    clock.advance(Duration.ofMillis(1));
    assertEquals(List.of(List.of("a")), batches);
  }

  @Test
  void eachNewItemRestartsTheQuietPeriod() {
    for (int i = 0; i < 10; i++) {
      debouncer.add("f" + i);
      clock.advance(Duration.ofMillis(40));
    }
    assertTrue(batches.isEmpty(), "a steady stream 40 ms apart never goes quiet for 50 ms");
    clock.advance(Duration.ofMillis(10));
    assertEquals(1, batches.size());
    assertEquals(10, batches.getFirst().size());
    assertEquals("f0", batches.getFirst().getFirst());
  }

  @Test
  void separateBurstsGiveSeparateBatchesInOrder() {
    debouncer.add("a");
    debouncer.add("b");
    clock.advance(QUIET);
    debouncer.add("c");
    clock.advance(QUIET);
    assertEquals(List.of(List.of("a", "b"), List.of("c")), batches);
  }

  @Test
  void aBurstOf200IsOneBatchAndLeavesOneTimer() {
    for (int i = 0; i < 200; i++) {
      debouncer.add("f" + i);
    }
    assertEquals(1, clock.pending());
    clock.advance(QUIET);
    assertEquals(1, batches.size());
    assertEquals(200, batches.getFirst().size());
  }

  @Test
  void zeroQuietFlushesAtTheNextTick() {
    var immediate = new Debouncer<String>(clock, Duration.ZERO, batches::add);
    immediate.add("x");
    clock.advance(Duration.ZERO);
    assertEquals(List.of(List.of("x")), batches);
  }
}
