package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line-level state machine under {@link CrashScanner}. Lines that might open a trace
 * ({@code runtime: …} before a {@code fatal error:}, a race separator, a {@code panic:} header
 * before its first goroutine) are held until the next lines decide; a line that does not fit the
 * trace where it stands ends the trace (which is emitted with what was read) and is read again as
 * ordinary text. Not thread-safe.
 */
final class TraceParser {
  /** Where the parser's results go. */
  interface Sink {
    /** A line (with its line terminator) that is not part of a trace. */
    void text(String raw);

    void crash(Crash crash);
  }

  private enum State { IDLE, PREAMBLE, SEPARATOR, HEADER, TRACE, RACE }

  private static final String RACE_FUNCTION = "  ";
  private static final String RACE_FILE = "      ";

  private final Sink sink;
  private final ScanBudget budget;
  private final List<String> held = new ArrayList<>();
  private long heldChars;
  private long preambleChars;
  private final List<String> preamble = new ArrayList<>();
  private State state = State.IDLE;
  private CrashBuilder crash;
  private RaceBuilder race;
  private TraceLines.Call pendingCall;
  private TraceLines.Created pendingCreated;
  private String pendingRaw;

  TraceParser(Sink sink, ScanBudget budget) {
    this.sink = sink;
    this.budget = budget;
  }

  /** Whether a line arriving now would be read as ordinary text unless it opens a trace. */
  boolean idle() {
    return state == State.IDLE;
  }

  /** Reads one line; {@code raw} keeps its terminator ({@code \n}, {@code \r\n}, or none at the end). */
  void line(String raw) {
    line(raw, strip(raw));
  }

  /**
   * Reads {@code line}, whose text to hand back is {@code raw}: empty for a line too long to hold,
   * which the scanner has handed back already (and of which {@code line} is the kept start).
   */
  void line(String raw, String line) {
    switch (state) {
      case IDLE -> idle(raw, line);
      case PREAMBLE -> preamble(raw, line);
      case SEPARATOR -> separator(raw, line);
      case HEADER -> header(raw, line);
      case TRACE -> trace(raw, line);
      case RACE -> race(raw, line);
    }
  }

  /**
   * Hands back now, as text, the lines held until the next ones decide (and a frame's function
   * line waiting for its file line): the scanner is about to hand back a line too long to hold,
   * and the text must stay in order. The state is kept; those lines are not handed back again.
   */
  void releaseHeld() {
    held.forEach(sink::text);
    clearHeld();
    if (pendingRaw != null) {
      sink.text(pendingRaw);
      pendingRaw = "";
    }
  }

  /** The end of the output: a trace under way is emitted with what was read; held lines are text. */
  void end() {
    switch (state) {
      case HEADER -> emitCrash(true);
      case TRACE -> emitCrash(pendingRaw != null);
      case RACE -> emitRace(true);
      default -> release();
    }
    state = State.IDLE;
  }

  private void idle(String raw, String line) {
    if (TraceLines.panicHeader(line) || TraceLines.fatalHeader(line) || TraceLines.signalHeader(line)) {
      crash = new CrashBuilder(preamble, budget);
      clearPreamble();
      crash.header(line);
      hold(raw);
      state = State.HEADER;
    } else if (TraceLines.preamble(line)) {
      addPreamble(line);
      hold(raw);
      state = State.PREAMBLE;
    } else if (line.equals(TraceLines.RACE_SEPARATOR)) {
      hold(raw);
      state = State.SEPARATOR;
    } else if (line.equals(TraceLines.RACE_WARNING)) {
      race = new RaceBuilder(budget);
      state = State.RACE;
    } else {
      sink.text(raw);
    }
  }

  private void preamble(String raw, String line) {
    if (TraceLines.preamble(line)) {
      addPreamble(line);
      hold(raw);
    } else if (TraceLines.panicHeader(line) || TraceLines.fatalHeader(line)) {
      state = State.IDLE;
      idle(raw, line);
    } else {
      release();
      idle(raw, line);
    }
  }

  private void separator(String raw, String line) {
    if (line.equals(TraceLines.RACE_WARNING)) {
      clearHeld();
      race = new RaceBuilder(budget);
      state = State.RACE;
    } else {
      release();
      idle(raw, line);
    }
  }

  private void header(String raw, String line) {
    Optional<TraceLines.Header> goroutine;
    if (line.startsWith("\t")) {
      String text = line.substring(1);
      if (TraceLines.panicHeader(text) || TraceLines.fatalHeader(text)) {
        crash.header(text);
      } else {
        crash.continuation(text);
      }
      hold(raw);
    } else if (TraceLines.panicHeader(line) || TraceLines.fatalHeader(line)) {
      crash.header(line);
      hold(raw);
    } else if (line.isEmpty() || TraceLines.detail(line) || TraceLines.signalHeader(line)) {
      if (!line.isEmpty()) {
        crash.detail(line);
      }
      hold(raw);
    } else if ((goroutine = TraceLines.goroutineHeader(line)).isPresent()) {
      clearHeld();
      crash.startGoroutine(goroutine.get());
      state = State.TRACE;
    } else if (line.equals("runtime stack:")) {
      clearHeld();
      crash.startRuntimeStack();
      state = State.TRACE;
    } else {
      crash = null;
      release();
      idle(raw, line);
    }
  }

  private void trace(String raw, String line) {
    if (pendingRaw != null) {
      var at = TraceLines.location(line, "\t");
      if (at.isPresent()) {
        if (pendingCall != null) {
          crash.frame(pendingCall, at.get());
        } else {
          crash.created(pendingCreated, at.get());
        }
        clearPending();
        return;
      }
      String unread = pendingRaw;
      clearPending();
      emitCrash(false);
      idle(unread, strip(unread));
      line(raw, line);
      return;
    }
    Optional<TraceLines.Header> goroutine;
    Optional<TraceLines.Created> created;
    Optional<TraceLines.Call> call;
    Optional<Long> elided;
    if ((goroutine = TraceLines.goroutineHeader(line)).isPresent()) {
      crash.startGoroutine(goroutine.get());
    } else if ((created = TraceLines.createdBy(line)).isPresent()) {
      pendingCreated = created.get();
      pendingRaw = raw;
    } else if ((call = TraceLines.call(line)).isPresent()) {
      pendingCall = call.get();
      pendingRaw = raw;
    } else if ((elided = TraceLines.elided(line)).isPresent()) {
      crash.elided(elided.get());
    } else if (line.equals("runtime stack:")) {
      crash.startRuntimeStack();
    } else if (TraceLines.detail(line) || TraceLines.signalHeader(line)) {
      crash.detail(line);
    } else if (TraceLines.ancestor(line)) {
      crash.ancestors();
    } else if (TraceLines.ignorable(line)) {
      // part of the dump, nothing to keep
    } else {
      emitCrash(false);
      idle(raw, line);
    }
  }

  private void race(String raw, String line) {
    Optional<RaceReport.Access> access;
    Optional<RaceReport.Creation> creation;
    Optional<TraceLines.Call> call;
    if (line.equals(TraceLines.RACE_SEPARATOR)) {
      emitRace(false);
    } else if (line.isEmpty() || line.trim().equals("[failed to restore the stack]")) {
      // separates blocks
    } else if ((access = TraceLines.raceAccess(line)).isPresent()) {
      race.startAccess(access.get());
    } else if ((creation = TraceLines.raceCreation(line)).isPresent()) {
      race.startCreation(creation.get());
    } else if (line.startsWith(RACE_FILE)) {
      var at = TraceLines.location(line, RACE_FILE);
      if (pendingCall != null && at.isPresent()) {
        race.frame(pendingCall, at.get());
      }
      pendingCall = null;
    } else if (line.startsWith(RACE_FUNCTION)
        && (call = TraceLines.call(line.substring(RACE_FUNCTION.length()))).isPresent()) {
      pendingCall = call.get();
    } else if (line.startsWith("Location is ") || line.startsWith("Mutex ")
        || (line.endsWith(":") && !line.startsWith(" "))) {
      race.other(line);
    } else {
      emitRace(true);
      idle(raw, line);
    }
  }

  private void emitCrash(boolean truncated) {
    var done = crash.build(truncated);
    crash = null;
    clearPending();
    state = State.IDLE;
    sink.crash(done);
  }

  private void emitRace(boolean truncated) {
    var done = race.build(truncated);
    race = null;
    pendingCall = null;
    state = State.IDLE;
    sink.crash(done);
  }

  private void release() {
    held.forEach(sink::text);
    clearHeld();
    clearPreamble();
    crash = null;
    state = State.IDLE;
  }

  /** Holds a line until the next ones decide; past the budget, what is held is handed back now. */
  private void hold(String raw) {
    held.add(raw);
    heldChars += raw.length();
    if (heldChars > budget.lineChars()) {
      held.forEach(sink::text);
      clearHeld();
    }
  }

  private void clearHeld() {
    held.clear();
    heldChars = 0;
  }

  /** A {@code runtime: …} line for the crash's details, while they fit the budget. */
  private void addPreamble(String line) {
    if (preambleChars + line.length() <= budget.lineChars()) {
      preamble.add(line);
      preambleChars += line.length();
    }
  }

  private void clearPreamble() {
    preamble.clear();
    preambleChars = 0;
  }

  private void clearPending() {
    pendingCall = null;
    pendingCreated = null;
    pendingRaw = null;
  }

  private static String strip(String raw) {
    int end = raw.length();
    if (end > 0 && raw.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && raw.charAt(end - 1) == '\r') {
      end--;
    }
    return raw.substring(0, end);
  }
}
