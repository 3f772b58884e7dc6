package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The scanner's streaming contract and the line forms of ANCHORS §6, one at a time. */
class CrashScannerTest {
  private static final String NIL_MAP = """
      starting
      panic: assignment to entry in nil map

      goroutine 1 [running]:
      example.com/crashers/internal/store.Put(...)
      \t/w/internal/store/store.go:13
      main.main()
      \t/w/main.go:31 +0x3dd
      exit status 2
      """;

  @Test
  void textAroundATracePassesThroughAndTheTraceComesOut() {
    var out = CrashScanner.scan(NIL_MAP);

    assertEquals("starting\nexit status 2\n", out.passthrough());
    assertEquals(1, out.crashes().size());
    var crash = out.crashes().get(0);
    assertEquals(CrashKind.PANIC, crash.kind());
    assertEquals("panic: assignment to entry in nil map", crash.message());
    assertEquals(OptionalLong.of(1), crash.crashed());
    assertEquals(List.of(
            new StackFrame("example.com/crashers/internal/store.Put", "...", "/w/internal/store/store.go", 13, -1),
            new StackFrame("main.main", "", "/w/main.go", 31, 0x3dd)),
        crash.goroutines().get(0).frames());
    assertTrue(crash.goroutines().get(0).frames().get(0).inlined());
  }

  @Test
  void everySpellingOfGosOutOfMemoryIsAnOutOfMemoryCrash() {
    var arena = CrashScanner.scan("""
        8 MiB
        fatal error: out of memory allocating heap arena metadata

        runtime stack:
        runtime.throw({0x4cd9d0?, 0x4000000?})
        \t/usr/local/go/src/runtime/panic.go:1229 +0x48 fp=0x124bde1ddd90 sp=0x124bde1ddd60 pc=0x479508

        goroutine 1 gp=0x124bde1961e0 m=3 mp=0x124bde1c7008 [running]:
        main.main()
        \t/w/cmd/hog/main.go:9 +0x65 fp=0x124bde20cf48 sp=0x124bde20ce88 pc=0x49f8a5
        """);
    assertEquals(CrashKind.OUT_OF_MEMORY, arena.crashes().get(0).kind());
    var deadlock = CrashScanner.scan("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n\t/w/main.go:5 +0x1d\n");
    assertEquals(CrashKind.FATAL, deadlock.crashes().get(0).kind());
  }

  @Test
  void feedingOneCharacterAtATimeGivesTheSameResult() {
    var scanner = new CrashScanner();
    var text = new StringBuilder();
    var crashes = new java.util.ArrayList<Crash>();
    for (char c : NIL_MAP.toCharArray()) {
      var out = scanner.feed(String.valueOf(c));
      text.append(out.passthrough());
      crashes.addAll(out.crashes());
    }
    var last = scanner.finish();
    text.append(last.passthrough());
    crashes.addAll(last.crashes());

    assertEquals(CrashScanner.scan(NIL_MAP), new ScanOutput(text.toString(), crashes));
  }

  @Test
  void aCrashIsHandedBackAsSoonAsALineEndsIt() {
    var scanner = new CrashScanner();

    var before = scanner.feed(NIL_MAP.substring(0, NIL_MAP.indexOf("exit")));
    var after = scanner.feed("exit status 2\n");

    assertEquals("starting\n", before.passthrough());
    assertTrue(before.crashes().isEmpty());
    assertEquals(1, after.crashes().size());
    assertEquals("exit status 2\n", after.passthrough());
  }

  @Test
  void anUnfinishedLineThatCannotOpenATraceIsHandedBackAtOnce() {
    var scanner = new CrashScanner();

    assertEquals("Name? ", scanner.feed("Name? ").passthrough());
    assertEquals("Ada\n", scanner.feed("Ada\n").passthrough());
    assertEquals("", scanner.feed("pan").passthrough());
    assertEquals("pantry\n", scanner.feed("try\n").passthrough());
  }

  @Test
  void aTraceCutShortYieldsWhatWasRead() {
    var out = CrashScanner.scan("panic: boom\n\ngoroutine 1 [running]:\nmain.f()\n");

    assertEquals("", out.passthrough());
    var crash = out.crashes().get(0);
    assertTrue(crash.truncated());
    assertEquals(1, crash.goroutines().size());
    assertTrue(crash.goroutines().get(0).frames().isEmpty());
  }

  @Test
  void aHeaderWithoutGoroutinesThatTheOutputGoesOnFromIsText() {
    var text = "panic: this is a log line\nand then more log\n";

    assertEquals(new ScanOutput(text, List.of()), CrashScanner.scan(text));
  }

  @Test
  void goroutineHeadersCarryStatusMinutesLockAndThe122Fields() {
    var h = TraceLines.goroutineHeader("goroutine 7 gp=0xc0000061c0 m=0 mp=0x58e1a0 [chan receive, 12 minutes, locked to thread]:");

    assertEquals(Optional.of(new TraceLines.Header(7, "chan receive", 12, true)), h);
    assertEquals(Optional.empty(), TraceLines.goroutineHeader("goroutine x [running]:"));
    assertEquals(Optional.empty(), TraceLines.goroutineHeader("goroutine 1 [running]"));
  }

  @Test
  void framesWithGenericsMethodsRegistersAndCreatedBy() {
    assertEquals(Optional.of(new TraceLines.Call("example.com/m/p.(*T[...]).M", "0xc000010000, {0x1, 0x2}")),
        TraceLines.call("example.com/m/p.(*T[...]).M(0xc000010000, {0x1, 0x2})"));
    assertEquals(Optional.of(new TraceLines.Location("/usr/local/go/src/runtime/panic.go", 1229, 0x48)),
        TraceLines.location("\t/usr/local/go/src/runtime/panic.go:1229 +0x48 fp=0x1 sp=0x2 pc=0x3", "\t"));
    assertEquals(Optional.of(new TraceLines.Location("C:/w/main.go", 3, -1)),
        TraceLines.location("\tC:/w/main.go:3", "\t"));
    assertEquals(Optional.of(new TraceLines.Created("main.main", 1)),
        TraceLines.createdBy("created by main.main in goroutine 1"));
    assertEquals(Optional.of(new TraceLines.Created("main.main", -1)), TraceLines.createdBy("created by main.main"));
    assertEquals(Optional.of(7063977L), TraceLines.elided("...7063977 frames elided..."));
    assertEquals(Optional.of(-1L), TraceLines.elided("...additional frames elided..."));
    assertTrue(TraceLines.register("rflags 0x212"));
    assertFalse(TraceLines.register("exit status 2"));
  }

  @Test
  void aRaceReportIsLiftedOutAndTheProgramGoesOn() {
    var text = """
        before
        ==================
        WARNING: DATA RACE
        Read at 0x00c000018128 by main goroutine:
          main.main()
              /w/main.go:9 +0x104

        Previous write at 0x00c000018128 by goroutine 7:
          main.main.func1()
              /w/main.go:6 +0x33

        Goroutine 7 (finished) created at:
          main.main()
              /w/main.go:5 +0xf9
        ==================
        after
        Found 1 data race(s)
        """;

    var out = CrashScanner.scan(text);

    assertEquals("before\nafter\nFound 1 data race(s)\n", out.passthrough());
    var race = out.crashes().get(0).race().orElseThrow();
    assertEquals(List.of("Read", "Previous write"), race.accesses().stream().map(RaceReport.Access::operation).toList());
    assertEquals(List.of("main goroutine", "goroutine 7"), race.accesses().stream().map(RaceReport.Access::by).toList());
    assertEquals(7, race.creations().get(0).goroutine());
    assertEquals(5, race.creations().get(0).frames().get(0).line());
  }

  @Test
  void packagePathsOfFunctions() {
    assertEquals("main", StackFrame.packageOf("main.main.func1"));
    assertEquals("example.com/m/p", StackFrame.packageOf("example.com/m/p.(*T).M"));
    assertEquals("example.com/m/p", StackFrame.packageOf("example.com/m/p.F[...]"));
    assertEquals("gopkg.in/yaml.v3", StackFrame.packageOf("gopkg.in/yaml%2ev3.Unmarshal"));
  }
}
