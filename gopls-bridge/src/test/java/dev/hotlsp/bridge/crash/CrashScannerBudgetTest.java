package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scanner's {@link ScanBudget}, with small budgets: what it keeps of a long line, a long head,
 * many goroutines and frames, and that the text around is still handed back whole and in order.
 */
class CrashScannerBudgetTest {
  private static final ScanBudget SMALL = new ScanBudget(64, 400, 3, 4);
  private static final String GOROUTINE_1 = "goroutine 1 [running]:\nmain.main()\n\t/w/main.go:7 +0x1d\n";

  private static String blocked(long id) {
    return "goroutine " + id + " [chan receive]:\nmain.wait()\n\t/w/main.go:3 +0x1d\n"
        + "created by main.main in goroutine 1\n\t/w/main.go:6 +0x2f\n\n";
  }

  @Test
  void aPanicLineLongerThanTheBudgetIsHandedBackAsItArrivesAndItsStartIsTheMessage() {
    String value = "x".repeat(1000);
    var scanner = new CrashScanner(SMALL);

    var first = scanner.feed("before\npanic: " + value.substring(0, 500));
    assertEquals("before\npanic: " + value.substring(0, 500), first.passthrough(), "not held past the budget");
    var second = scanner.feed(value.substring(500) + "\n\n" + GOROUTINE_1);
    assertEquals(value.substring(500) + "\n", second.passthrough());
    var last = scanner.finish();

    var crash = last.crashes().get(0);
    String kept = ("panic: " + value).substring(0, 64);
    assertEquals(kept + "… [" + String.format("%,d", 1007 - 64) + " more characters]", crash.message());
    assertEquals(CrashKind.PANIC, crash.kind());
    assertEquals("main.main", crash.crashedGoroutine().orElseThrow().frames().get(0).function());
  }

  @Test
  void howTheOutputIsSplitChangesNothingForLongLines() {
    String input = "a\npanic: " + "y".repeat(300) + "\r\n\tsecond " + "z".repeat(200) + "\n\n" + GOROUTINE_1
        + "main.f(" + "0x1, ".repeat(40) + ")\n\t/w/main.go:3\nafter " + "w".repeat(100) + "\n";
    var whole = CrashScanner.scan(input, SMALL);
    for (int size : List.of(1, 7, 63, 64, 65, 500)) {
      assertEquals(whole, ChunkedScan.of(input, size, SMALL), "chunks of " + size);
    }
    assertTrue(whole.crashes().get(0).message().startsWith("panic: yyy"), whole::toString);
    assertTrue(whole.passthrough().startsWith("a\npanic: " + "y".repeat(300) + "\r\n\tsecond "), whole::toString);
    assertTrue(whole.passthrough().endsWith("after " + "w".repeat(100) + "\n"), whole::toString);
  }

  @Test
  void aRecoverersLineLongerThanTheBudgetIsReadTheSameWhetherItArrivesWholeOrInPieces() {
    // found by CrashScannerPropertyTest: a log-prefixed line goes out as text as it arrives, and
    // was not read at all once longer than the budget, while the same line arriving whole was read cut
    for (String end : List.of("\n", "\r\n")) {
      String header = "2026/12/06 02:57:29 http: panic serving 127.0.0.1:39112: assignment to entry in nil map" + end;
      String input = header + GOROUTINE_1;
      var whole = CrashScanner.scan(input, SMALL);
      for (int chunk : new int[] {1, 5, 63}) {
        assertEquals(whole, ChunkedScan.of(input, chunk, SMALL), "chunks of " + chunk);
      }
      assertEquals(CrashKind.RECOVERED, whole.crashes().get(0).kind());
      assertEquals("assignm… [23 more characters]", whole.crashes().get(0).message(), "cut at 64 characters");
      assertEquals(header, whole.passthrough(), "the long line is text; the trace is lifted out");
    }
  }

  @Test
  void aLongLineAfterAHeldOneKeepsTheTextInOrderWhenNoTraceFollows() {
    String input = "panic: short\n" + "q".repeat(200) + "\nmore\n";
    var out = ChunkedScan.of(input, 10, SMALL);

    assertEquals(input, out.passthrough());
    assertEquals(List.of(), out.crashes());
  }

  @Test
  void aLongLineAfterAFramesFunctionLineKeepsTheTextInOrder() {
    String input = "panic: p\n\n" + GOROUTINE_1 + "main.g()\n" + "r".repeat(200) + "\nafter\n";
    var out = ChunkedScan.of(input, 16, SMALL);

    assertEquals("main.g()\n" + "r".repeat(200) + "\nafter\n", out.passthrough());
    assertEquals(1, out.crashes().size());
  }

  @Test
  void aHeadLongerThanTheBudgetIsHandedBackEarlyAndItsLinesCounted() {
    var head = new StringBuilder("panic: multi\n");
    for (int i = 0; i < 50; i++) {
      head.append("\tline ").append(i).append('\n');
    }
    var scanner = new CrashScanner(SMALL);

    var early = scanner.feed(head);
    assertTrue(early.passthrough().startsWith("panic: multi\n\tline 0\n"), "held lines past the budget: " + early);
    var rest = scanner.feed("\n" + GOROUTINE_1);
    var crash = scanner.finish().crashes().get(0);

    // what was handed back is the head's start, once, in order; the rest of it is the trace's
    assertEquals("", rest.passthrough());
    assertTrue(head.toString().startsWith(early.passthrough()) && early.passthrough().endsWith("\n"), early::toString);
    assertTrue(crash.message().startsWith("panic: multi\nline 0\n"), crash.message());
    assertTrue(crash.message().matches("(?s).*\n… \\[\\d+ more lines]"), crash.message());
    assertEquals(1, crash.goroutines().size());
  }

  @Test
  void goroutinesBeyondTheBudgetAreCountedAndSaidInTheFinding() {
    var dump = new StringBuilder("fatal error: all goroutines are asleep - deadlock!\n\n");
    for (long id = 1; id <= 10; id++) {
      dump.append(blocked(id));
    }
    var crash = CrashScanner.scan(dump, SMALL).crashes().get(0);

    assertEquals(3, crash.goroutines().size());
    assertEquals(7, crash.omittedGoroutines());
    var w = Path.of("/w");
    var findings = new CrashMapper(new FrameLocator(new WorkspaceIndex(w, Set.of(w.resolve("main.go")), Map.of())),
        (file, line) -> Optional.of("code")).map(crash);
    assertEquals(3, findings.size());
    assertEquals("deadlock: goroutine 1 blocked: chan receive (… 7 more goroutines not read)", findings.get(0).message());
  }

  @Test
  void framesBeyondTheBudgetAreCountedAsLeftOut() {
    var trace = new StringBuilder("panic: deep\n\ngoroutine 1 [running]:\n");
    for (int i = 0; i < 10; i++) {
      trace.append("main.f").append(i).append("()\n\t/w/main.go:").append(i + 1).append(" +0x1d\n");
    }
    trace.append("...5 frames elided...\n");
    var g = CrashScanner.scan(trace, SMALL).crashes().get(0).goroutines().get(0);

    assertEquals(4, g.frames().size());
    assertEquals("main.f0", g.frames().get(0).function());
    assertEquals(6 + 5, g.elidedFrames());
  }

  @Test
  void theFramesTextOfATraceIsBounded() {
    var budget = new ScanBudget(1024, 300, 100, 100);
    var dump = new StringBuilder("panic: wide\n\n");
    for (long id = 1; id <= 20; id++) {
      dump.append("goroutine ").append(id).append(" [select]:\nmain.f(").append("0x1, ".repeat(8))
          .append(")\n\t/w/main.go:3 +0x1d\n\n");
    }
    var crash = CrashScanner.scan(dump, budget).crashes().get(0);

    long frames = crash.goroutines().stream().mapToLong(g -> g.frames().size()).sum();
    assertTrue(frames >= 1 && frames * 50 <= 300, "frames kept: " + frames);
    assertEquals(20, crash.goroutines().size() + crash.omittedGoroutines());
    assertEquals(1, crash.crashedGoroutine().orElseThrow().frames().size());
  }

  @Test
  void aRaceReportKeepsItsBudgetOfBlocks() {
    var race = new StringBuilder("==================\nWARNING: DATA RACE\n");
    for (int i = 0; i < 8; i++) {
      race.append("Write at 0x00c000012345 by goroutine ").append(i + 7).append(":\n  main.w()\n      /w/main.go:")
          .append(i + 1).append(" +0x44\n\n");
    }
    race.append("==================\n");
    var report = CrashScanner.scan(race, SMALL).crashes().get(0).race().orElseThrow();

    assertEquals(3, report.accesses().size());
  }

  @Test
  void aFrameBeyondItsFilesEndMapsNowhere() {
    var w = Path.of("/w");
    var crash = CrashScanner.scan("panic: far\n\ngoroutine 1 [running]:\nmain.f()\n\t/w/main.go:999999999 +0x1d\n"
        + "main.main()\n\t/w/main.go:2 +0x1d\n").crashes().get(0);
    SourceLines twoLines = (file, line) -> line <= 2 ? Optional.of("\tf()") : Optional.empty();

    var findings = new CrashMapper(new FrameLocator(new WorkspaceIndex(w, Set.of(w.resolve("main.go")), Map.of())),
        twoLines).map(crash);

    assertEquals(1, findings.size());
    assertEquals(2, findings.get(0).line());
  }
}
