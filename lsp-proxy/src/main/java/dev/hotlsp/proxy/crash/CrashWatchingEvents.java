package dev.hotlsp.proxy.crash;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashKind;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FindingTally;
import dev.hotlsp.bridge.crash.ScanBudget;
import dev.hotlsp.bridge.crash.StackFrame;
import dev.hotlsp.bridge.run.EndReason;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.StdStream;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.run.RunEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RunEvents} decorator that reads each run's stdout and stderr for Go crashes as they
 * arrive (a {@link CrashScanner} per stream: servers log recovered panics on either) while every
 * event, output included, goes on to the decorated events unchanged. What happens while the program
 * goes on running — a race report, a panic it recovered, a goroutine dump it printed — is placed
 * and recorded as soon as it is complete; the other crashes when the run ends, before its end is
 * passed on (at most {@link #MAX_CRASHES} of them, {@link #MAX_HELD_CHARS} in all: each is bounded
 * by the scanner's budget, so a run costs fixed memory whatever it prints). A run's findings are
 * counted ({@link FindingTally}: a handler that panics on every request is one finding, {@code (N
 * times)}), and each record hands the sink all of the run's findings so far. A run that ends with
 * nothing to place records nothing new, which clears its target's older crash diagnostics; a
 * memory-limit kill without Go output is placed on the target's {@code func main}; the signal dump
 * of a run HotLSP stopped itself is not a crash; a run the sandbox could not start records nothing.
 * Output that comes before the run's start is told (the pumps start with the program) is read all
 * the same. Thread-safe: output arrives on a run's pump threads, the end on its controller's thread.
 */
final class CrashWatchingEvents implements RunEvents {
  /** Where findings go ({@link CrashDiagnostics}, {@link CrashReports}). */
  interface Sink {
    /** The change count a run starts at (see {@link CrashLedger#mark}). */
    long mark();

    /**
     * All the findings of {@code target}'s run {@code runId} so far, which replace what that run
     * recorded before; {@code ended} on the run's last record, at its end.
     */
    void record(String target, String runId, long since, List<Finding> findings, boolean ended);
  }

  /** Where a folder's crashes are on its files ({@link CrashPlaces}). */
  interface Places {
    List<Finding> map(List<Crash> crashes) throws IOException;

    Optional<Finding> memoryLimit(String target) throws IOException;
  }

  /** The most crashes of one run that are kept to be placed at its end. */
  static final int MAX_CRASHES = 100;
  /**
   * The most characters (of frames, messages, details) the crashes held for a run's end keep in
   * all: each crash is bounded by the scanner's {@link ScanBudget}, and this bounds their sum. The
   * first crash is always held.
   */
  static final long MAX_HELD_CHARS = 2L * ScanBudget.DEFAULT.traceChars();
  /** What a frame costs beyond its text, in characters: its objects (so many tiny frames count too). */
  private static final int FRAME_COST = 64;

  private final RunEvents events;
  private final Places places;
  private final Sink sink;
  private final Log log;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  CrashWatchingEvents(RunEvents events, Places places, Sink sink, Log log) {
    this.events = events;
    this.places = places;
    this.sink = sink;
    this.log = log;
  }

  /** One stream's scan: decoded as UTF-8 across reads. */
  private static final class Scan {
    final CrashScanner scanner = new CrashScanner();
    final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The first bytes of a character the last read cut (at most 3). */
    byte[] carry = new byte[0];
    CharBuffer chars = CharBuffer.allocate(0);

    /** The text of {@code bytes}, with a character cut at the end kept for the next read. */
    String decode(byte[] bytes, int len) {
      ByteBuffer in;
      if (carry.length == 0) {
        in = ByteBuffer.wrap(bytes, 0, len);
      } else {
        in = ByteBuffer.allocate(carry.length + len);
        in.put(carry).put(bytes, 0, len).flip();
      }
      if (chars.capacity() < in.remaining()) {
        chars = CharBuffer.allocate(in.remaining());
      }
      chars.clear();
      decoder.decode(in, chars, false);
      carry = new byte[in.remaining()];
      in.get(carry);
      return chars.flip().toString();
    }
  }

  /** One run: its two scans, the crashes held for its end, and its findings so far. */
  private static final class Run {
    final String target;
    final long since;
    final Scan stdout = new Scan();
    final Scan stderr = new Scan();
    final List<Crash> held = new ArrayList<>();
    long heldChars;
    final FindingTally findings = new FindingTally();

    Run(String target, long since) {
      this.target = target;
      this.since = since;
    }
  }

  @Override
  public void started(RunStarted started) {
    runs.computeIfAbsent(started.runId(), id -> new Run(started.target(), sink.mark()));
    events.started(started);
  }

  @Override
  public void output(String runId, String target, StdStream stream, byte[] bytes, int len) {
    events.output(runId, target, stream, bytes, len);
    // a program's first output may come before its start is told (the pumps start with it)
    var run = runs.computeIfAbsent(runId, id -> new Run(target, sink.mark()));
    List<Crash> now = new ArrayList<>();
    synchronized (run) {
      var scan = stream == StdStream.STDERR ? run.stderr : run.stdout;
      for (var crash : scan.scanner.feed(scan.decode(bytes, len)).crashes()) {
        if (whileRunning(crash)) {
          now.add(crash);
        } else {
          hold(run, crash);
        }
      }
    }
    if (!now.isEmpty()) {
      try {
        var placed = places.map(now);
        if (!placed.isEmpty()) {
          synchronized (run) {
            run.findings.add(placed);
            sink.record(run.target, runId, run.since, run.findings.all(), false);
          }
        }
      } catch (IOException | RuntimeException e) {
        log.warn("run " + runId + ": could not place what it printed while running: " + e);
      }
    }
  }

  /** Reports a program prints and lives on: placed at once, not at its end. */
  private static boolean whileRunning(Crash crash) {
    return crash.kind() == CrashKind.RACE || crash.kind() == CrashKind.RECOVERED || crash.kind() == CrashKind.DUMP;
  }

  @Override
  public void ended(RunResult result) {
    var run = runs.remove(result.runId());
    if (run != null) {
      try {
        settle(run, result);
      } catch (RuntimeException e) {
        log.warn("run " + result.runId() + ": could not place its crashes: " + e);
      }
    }
    events.ended(result);
  }

  @Override
  public void warn(String message) {
    events.warn(message);
  }

  @Override
  public void crashLoop(String target, String message, Runnable runAgain) {
    events.crashLoop(target, message, runAgain);
  }

  private void settle(Run run, RunResult result) {
    if (result.reason() == EndReason.SANDBOX_ERROR) {
      return;
    }
    var crashes = new ArrayList<Crash>();
    synchronized (run) {
      run.stdout.scanner.finish().crashes().forEach(c -> hold(run, c));
      run.stderr.scanner.finish().crashes().forEach(c -> hold(run, c));
      var stoppedByHotLsp = result.reason() == EndReason.STOPPED || result.reason() == EndReason.KILLED_BY_RESTART
          || result.reason() == EndReason.TIMEOUT;
      for (var crash : run.held) {
        if (!(stoppedByHotLsp && crash.kind() == CrashKind.SIGNAL)) {
          crashes.add(crash);
        }
      }
    }
    try {
      var findings = new ArrayList<>(places.map(crashes));
      if (result.reason() == EndReason.MEMORY_LIMIT && crashes.isEmpty()) {
        places.memoryLimit(run.target).ifPresent(findings::add);
      }
      synchronized (run) {
        run.findings.add(findings);
        sink.record(run.target, result.runId(), run.since, run.findings.all(), true);
      }
    } catch (IOException e) {
      log.warn("run " + result.runId() + ": could not read the workspace to place its crashes: " + e.getMessage());
    }
  }

  /** Holds {@code crash} for the run's end while the run's held crashes stay within the limits. */
  private static void hold(Run run, Crash crash) {
    long chars = chars(crash);
    if (run.held.isEmpty() || (run.held.size() < MAX_CRASHES && run.heldChars + chars <= MAX_HELD_CHARS)) {
      run.held.add(crash);
      run.heldChars += chars;
    }
  }

  /** The characters {@code crash} keeps (its message, details and frames), and its frames' cost. */
  private static long chars(Crash crash) {
    long n = crash.message().length();
    for (var detail : crash.details()) {
      n += detail.length();
    }
    for (var g : crash.goroutines()) {
      n += frameChars(g.frames()) + g.status().length();
    }
    return n + frameChars(crash.runtimeStack());
  }

  private static long frameChars(List<StackFrame> frames) {
    long n = 0;
    for (var f : frames) {
      n += FRAME_COST + f.function().length() + f.arguments().length() + f.file().length();
    }
    return n;
  }
}
