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
 * Recovered panics and goroutine dumps of programs that keep running: what the scanner emits while
 * the program goes on (nothing more may ever be printed), and how repeats and waits are judged.
 */
class RecoveredPanicScanTest {
  private static final String HTTP_PANIC = """
      2026/12/06 02:33:57 http: panic serving 127.0.0.1:44556: assignment to entry in nil map
      goroutine 23 [running]:
      net/http.(*conn).serve.func1()
      \t/usr/local/go/src/net/http/server.go:1897 +0xbd
      panic({0x6bd660?, 0x98a8f0?})
      \t/usr/local/go/src/runtime/panic.go:860 +0x13a
      main.main.func2({0x733078, 0x1cd3826e62d0}, 0x1cd3825f9af8?)
      \t/w/cmd/nethttp/main.go:19 +0x37
      net/http.(*conn).serve(0x1cd3826e41b0, {0x733698, 0x1cd3826af110})
      \t/usr/local/go/src/net/http/server.go:2067 +0x690
      created by net/http.(*Server).Serve in goroutine 1
      \t/usr/local/go/src/net/http/server.go:3464 +0x485
      """;

  @Test
  void aServersRecoveredPanicIsEmittedWhenItsStackEndsNotWhenTheServerNextPrints() {
    var scanner = new CrashScanner();

    var out = scanner.feed(HTTP_PANIC);

    assertEquals(1, out.crashes().size(), "emitted without waiting for more output or the end");
    var crash = out.crashes().get(0);
    assertEquals(CrashKind.RECOVERED, crash.kind());
    assertEquals("assignment to entry in nil map", crash.message());
    assertEquals("2026/12/06 02:33:57 http: panic serving 127.0.0.1:44556: assignment to entry in nil map\n",
        out.passthrough());
    assertEquals(List.of(), scanner.feed("2026/12/06 02:33:58 next request\n").crashes());
    assertEquals(List.of(), scanner.finish().crashes());
  }

  @Test
  void aRecoveredPanicIsPlacedOnThePanickingLineBelowTheRecoverer() {
    var crash = CrashScanner.scan(HTTP_PANIC).crashes().get(0);
    var w = Path.of("/w");
    var index = new WorkspaceIndex(w, Set.of(w.resolve("cmd/nethttp/main.go")), Map.of("example.com/servers", w));
    SourceLines lines = (file, line) -> Optional.of("\t\tcounts[r.URL.Path]++");

    var findings = new CrashMapper(new FrameLocator(index), lines).map(crash);

    assertEquals(List.of(new Finding(w.resolve("cmd/nethttp/main.go"), 19, 3, 19, 23, "recovered-panic",
        "recovered panic: assignment to entry in nil map", List.of())), findings);
    assertTrue(findings.get(0).warning());
  }

  @Test
  void threeIdenticalPanicsAreOneFindingWithACount() {
    var f = new Finding(Path.of("/w/main.go"), 19, 3, 19, 23, "recovered-panic", "recovered panic: boom", List.of());
    var g = new Finding(Path.of("/w/main.go"), 30, 3, 30, 9, "recovered-panic", "recovered panic: other", List.of());
    var tally = new FindingTally();

    tally.add(List.of(f));
    tally.add(List.of(g, f));
    tally.add(List.of(f));

    assertEquals(List.of(f.withMessage("recovered panic: boom (3 times)"), g), tally.all());
  }

  @Test
  void aLineThatOnlyMentionsAPanicStaysText() {
    var text = "2026/12/06 panic: not really\n panic: chi-like but alone\nhttp: panic serving nothing\n";

    var out = CrashScanner.scan(text);

    assertEquals(text, out.passthrough());
    assertEquals(List.of(), out.crashes());
  }

  @Test
  void aGoroutineWaitsWhenBlockedOnAChannelOrLockButNotWhenRunningSleepingOrBrieflyInIo() {
    assertTrue(waiting("chan receive", 0));
    assertTrue(waiting("sync.Mutex.Lock", 0));
    assertTrue(waiting("select", 3));
    assertTrue(waiting("IO wait", 2));
    for (var status : List.of("running", "runnable", "sleep", "syscall", "select (no cases)", "GC sweep wait")) {
      assertEquals(false, waiting(status, 5), status);
    }
    assertEquals(false, waiting("IO wait", 0), "every server's accept loop");
  }

  private static boolean waiting(String status, int minutes) {
    return new Goroutine(1, status, minutes, false, List.of(), Optional.empty(), java.util.OptionalLong.empty(), 0, false)
        .waiting();
  }
}
