package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the input and however it is split into chunks, the scanner never throws, and the
 * ordinary output around real traces comes back whole and in order — with the default budget and
 * with one small enough that real traces outgrow it.
 */
class CrashScannerPropertyTest {
  private static final List<String> TRACES = traces();
  private static final List<String> PIECES = pieces();

  @Property(tries = 300)
  void ordinaryOutputInterleavedWithRealTracesIsNeverLost(
      @ForAll("segments") @Size(max = 8) List<Segment> segments, @ForAll @IntRange(min = 1, max = 200) int chunk,
      @ForAll("budgets") ScanBudget budget) {
    var input = new StringBuilder();
    var expectedText = new StringBuilder();
    int expectedCrashes = 0;
    for (var s : segments) {
      input.append(s.ordinary()).append(s.trace());
      var alone = CrashScanner.scan(s.trace(), budget);
      expectedText.append(s.ordinary()).append(alone.passthrough());
      expectedCrashes += alone.crashes().size();
    }

    var out = ChunkedScan.of(input.toString(), chunk, budget);

    if (budget.equals(ScanBudget.DEFAULT)) {
      assertEquals(expectedText.toString(), out.passthrough());
      assertEquals(expectedCrashes, out.crashes().size());
    } else {
      // a head past a small budget is handed back early when alone, but may be read as the end of
      // the trace before it when traces follow each other: the ordinary text is there all the same
      int at = 0;
      for (var s : segments) {
        int found = out.passthrough().indexOf(s.ordinary(), at);
        assertTrue(found >= 0, () -> "lost: " + s.ordinary());
        at = found + s.ordinary().length();
      }
    }
  }

  @Property(tries = 500)
  void garbageAndTruncatedTracesNeverThrowAndChunkingChangesNothing(
      @ForAll("garbage") String input, @ForAll @IntRange(min = 1, max = 50) int chunk,
      @ForAll("budgets") ScanBudget budget) {
    var whole = CrashScanner.scan(input, budget);
    var parts = ChunkedScan.of(input, chunk, budget);

    assertEquals(whole, parts);
  }

  @Property(tries = 200)
  void anyPrefixOfARealTraceNeverThrows(@ForAll("prefixes") String prefix) {
    var out = CrashScanner.scan(prefix);
    // text outside the trace is kept; what was lifted out is a crash or a held line set back
    assertEquals(out, ChunkedScan.of(prefix, 7, ScanBudget.DEFAULT));
  }

  record Segment(String ordinary, String trace) {}

  @Provide
  Arbitrary<List<Segment>> segments() {
    Arbitrary<String> line = Combinators.combine(
            Arbitraries.of("log: ", "INFO: ", "> ", "# ", "2026/11/30 "),
            Arbitraries.strings().withCharRange(' ', '~').withChars('é', '→', '\t', '\u00a0').excludeChars('(', ')').ofMaxLength(40))
        .as((a, b) -> a + b + "\n");
    Arbitrary<String> ordinary = line.list().ofMaxSize(4).map(l -> String.join("", l));
    return Combinators.combine(ordinary, Arbitraries.of(TRACES)).as(Segment::new).list();
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<String> piece = Arbitraries.of(PIECES);
    return Combinators.combine(
            Arbitraries.oneOf(random, piece, piece, piece).list().ofMaxSize(60),
            Arbitraries.of("\n", "", "\r\n"))
        .as((parts, separator) -> String.join(separator, parts));
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of(TRACES).flatMap(t -> Arbitraries.integers().between(0, t.length()).map(n -> t.substring(0, n)));
  }

  @Provide
  Arbitrary<ScanBudget> budgets() {
    return Arbitraries.of(ScanBudget.DEFAULT, new ScanBudget(64, 300, 2, 3), new ScanBudget(100, 2000, 5, 10));
  }


  private static List<String> traces() {
    var out = new ArrayList<String>();
    for (String dir : List.of("golden", "handmade", "servers", "servers-handmade")) {
      try (var files = Files.list(Workspaces.repo().resolve("gopls-bridge/src/test/resources/crash").resolve(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".trace")).sorted().toList()) {
          if (!f.getFileName().toString().equals("truncated.trace")) { // its end is cut mid-frame on purpose
            out.add(Files.readString(f, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static List<String> pieces() {
    var out = new ArrayList<String>();
    TRACES.forEach(t -> t.lines().limit(60).forEach(out::add));
    out.addAll(List.of("goroutine 99999999999999999999 [x]:", "goroutine 1 [", "\t:", "\tx.go:", "\tx.go:99999999999",
        "...999999999999999999999 frames elided...", "created by ", "created by  in goroutine 99999999999999999999",
        "(", ")", "()", " ()", "Goroutine 9999999999999999999999 (x) created at:", "Read at 0x by goroutine 1:",
        "      :1 +0xfffffffffffffffffffff", "  f()", "SIGX: y", "panic: ", "\tpanic: ", "fatal error: "));
    return out;
  }
}
