package dev.hotlsp.proxy.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.run.EndReason;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.StdStream;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.run.RunEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CrashWatchingEventsTest {
  private static final String TARGET = "example.com/m";
  private static final String RACE = """
      ==================
      WARNING: DATA RACE
      Write at 0x00c000094048 by goroutine 7:
        example.com/m/work.Race.func1()
            /w/work/work.go:57 +0x33

      Previous read at 0x00c000094048 by main goroutine:
        example.com/m/work.Race()
            /w/work/work.go:60 +0x104
        main.main()
            /w/main.go:58 +0x34a

      Goroutine 7 (running) created at:
        example.com/m/work.Race()
            /w/work/work.go:56 +0xf9
      ==================
      """;
  private static final String PANIC = """
      panic: héllo

      goroutine 1 [running]:
      main.main()
      \t/w/main.go:5 +0x25
      """;
  private static final String SIGQUIT = """
      SIGQUIT: quit
      PC=0x46d321 m=0 sigcode=0

      goroutine 1 [sleep]:
      main.main()
      \t/w/main.go:9 +0x25
      """;

  /** Everything in the order it happened: the decorated events' calls and the sink's records. */
  private final List<String> happened = new ArrayList<>();
  private final ByteArrayOutputStream stderrSeen = new ByteArrayOutputStream();
  private final CrashWatchingEvents events = new CrashWatchingEvents(new Recording(), new Places(), new Sink(),
      new Log(System.err, java.time.Clock.systemUTC(), false));

  @Test
  void theOutputGoesOnUnchangedWhileARaceIsRecordedAsSoonAsItsReportEnds() {
    events.started(started("r1"));
    var bytes = ("before\n" + RACE).getBytes(StandardCharsets.UTF_8);
    int cut = bytes.length - 5; // inside the closing separator line
    stderr("r1", bytes, 0, 11);
    stderr("r1", bytes, 11, cut);
    assertTrue(happened.stream().noneMatch(h -> h.startsWith("record")), happened::toString);
    stderr("r1", bytes, cut, bytes.length);
    assertEquals(List.of("started r1", "record r1 [race at /w/work/work.go:57, race at /w/work/work.go:60]"),
        happened.stream().filter(h -> !h.startsWith("output")).toList(), "recorded while the program runs");
    assertEquals("before\n" + RACE, stderrSeen.toString(StandardCharsets.UTF_8), "stderr went on byte for byte");

    events.ended(result("r1", EndReason.CRASHED, 66));
    assertEquals(List.of("record r1 [race at /w/work/work.go:57, race at /w/work/work.go:60]", "ended r1"),
        happened.subList(happened.size() - 2, happened.size()),
        "the end records the run's findings so far (the race stays) before it is passed on");
  }

  @Test
  void aServerThatRecoversThePanicOfEachRequestShowsOneFindingCountedWhileItRuns() {
    events.started(started("r1"));
    var report = """
        2026/12/06 02:33:57 http: panic serving 127.0.0.1:44556: assignment to entry in nil map
        goroutine 23 [running]:
        net/http.(*conn).serve.func1()
        \t/usr/local/go/src/net/http/server.go:1897 +0xbd
        panic({0x6bd660?, 0x98a8f0?})
        \t/usr/local/go/src/runtime/panic.go:860 +0x13a
        main.main.func2({0x733078, 0x1cd3826e62d0}, 0x1cd3825f9af8?)
        \t/w/main.go:19 +0x37
        created by net/http.(*Server).Serve in goroutine 1
        \t/usr/local/go/src/net/http/server.go:3464 +0x485
        """.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      events.output("r1", TARGET, StdStream.STDOUT, report, report.length);
    }
    assertEquals(List.of("started r1", "record r1 [assignment to entry in nil map at /w/main.go:19]",
            "record r1 [assignment to entry in nil map (2 times) at /w/main.go:19]",
            "record r1 [assignment to entry in nil map (3 times) at /w/main.go:19]"),
        happened.stream().filter(h -> !h.startsWith("output")).toList(),
        "placed while the server runs, from stdout too, one finding counted");
    events.ended(result("r1", EndReason.STOPPED, 143));
    assertEquals("record r1 [assignment to entry in nil map (3 times) at /w/main.go:19]", happened.get(happened.size() - 2));
  }

  @Test
  void aPanicIsPlacedWhenTheRunEndsBeforeTheEndIsPassedOnEvenWhenAReadCutsACharacter() {
    events.started(started("r1"));
    var bytes = PANIC.getBytes(StandardCharsets.UTF_8);
    int inE = "panic: h".length() + 1; // between the two bytes of é
    stderr("r1", bytes, 0, inE);
    stderr("r1", bytes, inE, bytes.length);
    assertTrue(happened.stream().noneMatch(h -> h.startsWith("record")));
    events.ended(result("r1", EndReason.CRASHED, 2));
    assertEquals(List.of("record r1 [panic: héllo at /w/main.go:5]", "ended r1"),
        happened.subList(happened.size() - 2, happened.size()));
    assertEquals(PANIC, stderrSeen.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRunThatEndsWithoutACrashRecordsNothingSoItsTargetsOlderCrashesGo() {
    events.started(started("r1"));
    events.output("r1", TARGET, StdStream.STDOUT, "panic: only on stdout\n".getBytes(StandardCharsets.UTF_8), 22);
    events.ended(result("r1", EndReason.EXITED, 0));
    assertEquals(List.of("started r1", "output r1 STDOUT", "record r1 []", "ended r1"), happened);
  }

  @Test
  void aMemoryLimitKillWithoutGoOutputIsPlacedOnFuncMain() {
    events.started(started("r1"));
    events.ended(result("r1", EndReason.MEMORY_LIMIT, 137));
    assertEquals("record r1 [oom at main]", happened.get(1));
  }

  @Test
  void theSignalDumpOfARunHotLspStoppedIsNoCrashButAPanicWhileStoppingIs() {
    events.started(started("r1"));
    var dump = SIGQUIT.getBytes(StandardCharsets.UTF_8);
    stderr("r1", dump, 0, dump.length);
    events.ended(result("r1", EndReason.STOPPED, 2));
    assertEquals("record r1 []", happened.get(happened.size() - 2));

    events.started(started("r2"));
    var panic = PANIC.getBytes(StandardCharsets.UTF_8);
    stderr("r2", panic, 0, panic.length);
    events.ended(result("r2", EndReason.KILLED_BY_RESTART, 2));
    assertEquals("record r2 [panic: héllo at /w/main.go:5]", happened.get(happened.size() - 2));
  }

  @Test
  void aRunTheSandboxCouldNotStartRecordsNothing() {
    events.started(started("r1"));
    events.ended(result("r1", EndReason.SANDBOX_ERROR, 1));
    assertEquals(List.of("started r1", "ended r1"), happened);
  }

  @Test
  void outputThatComesBeforeTheStartIsToldIsReadToo() {
    var bytes = PANIC.getBytes(StandardCharsets.UTF_8);
    stderr("r1", bytes, 0, bytes.length);
    events.started(started("r1"));
    events.ended(result("r1", EndReason.CRASHED, 2));

    assertEquals(List.of("record r1 [panic: héllo at /w/main.go:5]", "ended r1"),
        happened.subList(happened.size() - 2, happened.size()), happened::toString);
  }

  @Test
  void theCrashesHeldForTheEndAreBoundedInAllTheFirstAlwaysHeld() {
    events.started(started("r1"));
    var wide = "main.f(" + "a".repeat(1_000_000) + ")\n\t/w/main.go:5 +0x1d\n";
    var output = new StringBuilder();
    for (int i = 1; i <= 3; i++) { // each ~8M characters of frames, what one trace may keep
      output.append("panic: ").append(i).append("\n\ngoroutine 1 [running]:\n").append(wide.repeat(9)).append("text\n");
    }
    var bytes = output.toString().getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at < bytes.length; at += 1 << 16) {
      stderr("r1", bytes, at, Math.min(bytes.length, at + (1 << 16)));
    }
    events.ended(result("r1", EndReason.CRASHED, 2));

    assertEquals(List.of("record r1 [panic: 1 at /w/main.go:5, panic: 2 at /w/main.go:5]", "ended r1"),
        happened.subList(happened.size() - 2, happened.size()), "the third is beyond 16 Mi characters held");
  }

  private void stderr(String runId, byte[] all, int from, int to) {
    var chunk = new byte[to - from + 3];
    System.arraycopy(all, from, chunk, 0, to - from); // a reused buffer longer than the read
    events.output(runId, TARGET, StdStream.STDERR, chunk, to - from);
  }

  private static RunStarted started(String runId) {
    return new RunStarted(runId, TARGET, Path.of("/bin/m"), Isolation.LOCAL, 1, Instant.EPOCH);
  }

  private static RunResult result(String runId, EndReason reason, int exit) {
    return new RunResult(runId, TARGET, exit, OptionalInt.empty(), reason, 10, 1, 1, 0, "", "", "", "");
  }

  private final class Recording implements RunEvents {
    @Override
    public void started(RunStarted started) {
      happened.add("started " + started.runId());
    }

    @Override
    public void output(String runId, String target, StdStream stream, byte[] bytes, int len) {
      happened.add("output " + runId + " " + stream);
      if (stream == StdStream.STDERR) {
        stderrSeen.write(bytes, 0, len);
      }
    }

    @Override
    public void ended(RunResult result) {
      happened.add("ended " + result.runId());
    }

    @Override
    public void warn(String message) {
      happened.add("warn " + message);
    }
  }

  private static final class Places implements CrashWatchingEvents.Places {
    @Override
    public List<Finding> map(List<Crash> crashes) {
      var out = new ArrayList<Finding>();
      for (var c : crashes) {
        if (c.race().isPresent()) {
          for (var access : c.race().get().accesses()) {
            var top = access.frames().get(0);
            out.add(new Finding(Path.of(top.file()), top.line(), 1, top.line(), 2, "race", "race", List.of()));
          }
        } else if (!c.goroutines().isEmpty()) { // as the real mapper: a header alone places nothing
          var frames = c.goroutines().get(0).frames();
          var top = frames.stream().filter(f -> f.file().startsWith("/w/")).findFirst().orElse(frames.get(0));
          out.add(new Finding(Path.of(top.file()), top.line(), 1, top.line(), 2, c.kind().code(), c.message(), List.of()));
        }
      }
      return out;
    }

    @Override
    public Optional<Finding> memoryLimit(String target) {
      return Optional.of(new Finding(Path.of("/w/main.go"), 3, 1, 3, 2, "oom", "oom", List.of()));
    }
  }

  private final class Sink implements CrashWatchingEvents.Sink {
    @Override
    public long mark() {
      return 0;
    }

    @Override
    public void record(String target, String runId, long since, List<Finding> findings, boolean ended) {
      happened.add("record " + runId + " " + findings.stream()
          .map(f -> f.message() + " at " + (f.code().equals("oom") ? "main" : f.file() + ":" + f.line())).toList());
    }
  }
}
