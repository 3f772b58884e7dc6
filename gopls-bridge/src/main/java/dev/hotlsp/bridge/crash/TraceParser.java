package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line-level state machine under {@link CrashScanner}. Lines that might open a trace
 * ({@code runtime: …} before a {@code fatal error:}, a race separator, a {@code panic:} header
 * before its first goroutine, go-chi's and gin's report headers) are held until the next lines
 * decide; a line that does not fit the trace where it stands ends the trace (which is emitted with
 * what was read) and is read again as ordinary text. A {@code goroutine N [status]:} stack with no
 * crash header is a panic the program recovered when its first goroutine went through {@code
 * panic} (the ordinary line right before it names the value), else a goroutine dump; a recovered
 * panic is emitted as soon as its goroutine's {@code created by} frame is read (a server that
 * recovered may print nothing more for a long time), and the other goroutines a recoverer may
 * print after it are read as part of its report. Colour sequences in a recoverer's report are ignored (the runtime prints none). Not thread-safe.
 */
final class TraceParser {
  /** Where the parser's results go. */
  interface Sink {
    /** A line (with its line terminator) that is not part of a trace. */
    void text(String raw);

    void crash(Crash crash);
  }

  private enum State { IDLE, PREAMBLE, SEPARATOR, HEADER, TRACE, RACE, PRETTY, GIN_HEAD, GIN, TAIL }

  /** The goroutine of a recoverer's report that prints no goroutine header (go-chi, gin). */
  private static final TraceLines.Header REPORTED = new TraceLines.Header(0, "running", 0, false);
  /** The most lines held between gin's report header and its first frame (its request dump). */
  private static final int MAX_GIN_HEAD = 64;

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
  /** The last line read as text: it names the value when a recovered stack follows at once. */
  private String lastText = "";
  /** The trace under way opened on a goroutine header: a recovered panic or a dump, decided later. */
  private boolean headerless;
  private String valueLine = "";
  private final List<String> ginHead = new ArrayList<>();
  private TraceLines.Location ginAt;
  private boolean reportFrames;
  private boolean alreadyText;

  TraceParser(Sink sink, ScanBudget budget) {
    this.sink = sink;
    this.budget = budget;
  }

  /** Whether a line arriving now would be read as ordinary text unless it opens a trace. */
  boolean idle() {
    return state == State.IDLE;
  }

  /**
   * Reads a line the scanner already handed back as text while it arrived (an unfinished line that
   * could not open a held trace): it still names the value of a stack that follows, and may be a
   * report's header that is itself text (gin's, echo's, a JSON record); only its text is not
   * handed back again. Called only when {@link #idle}.
   */
  void lineAlreadyText(String raw) {
    alreadyText = true;
    try {
      line(raw);
    } finally {
      alreadyText = false;
    }
  }

  /** Reads one line; {@code raw} keeps its terminator ({@code \n}, {@code \r\n}, or none at the end). */
  void line(String raw) {
    line(raw, strip(raw));
  }

  /**
   * Reads {@code line}, whose text to hand back is {@code raw}: empty for a line too long to hold,
   * which the scanner has handed back already (and of which {@code line} is the kept start).
   */
  void line(String raw, String text) {
    String line = text; // the runtime's own lines keep every character; recoverers' are read without colours
    switch (state) {
      case IDLE -> idle(raw, line);
      case PREAMBLE -> preamble(raw, line);
      case SEPARATOR -> separator(raw, line);
      case HEADER -> header(raw, line);
      case TRACE -> trace(raw, line);
      case RACE -> race(raw, line);
      case PRETTY -> pretty(raw, RecoveredLines.plain(line));
      case GIN_HEAD -> ginHead(raw, RecoveredLines.plain(line));
      case GIN -> gin(raw, RecoveredLines.plain(line));
      case TAIL -> tail(raw, RecoveredLines.plain(line));
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
      case PRETTY -> endReport(true);
      case GIN -> {
        flushGinFrame();
        emitCrash(true);
      }
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
      recovered(raw, RecoveredLines.plain(line));
    }
  }

  /** Idle lines that may open a recovered panic's report or a goroutine dump; else text. */
  private void recovered(String raw, String line) {
    Optional<TraceLines.Header> goroutine;
    Optional<String[]> echo;
    Optional<String> pretty;
    List<String> stacks;
    if ((goroutine = TraceLines.goroutineHeader(line)).isPresent()) {
      crash = new CrashBuilder(List.of(), budget);
      valueLine = lastText;
      if (RecoveredLines.httpPanic(valueLine)) {
        crash.recovered(RecoveredLines.value(valueLine), RecoveredLines.request(valueLine));
      }
      headerless = true;
      crash.startGoroutine(goroutine.get());
      state = State.TRACE;
    } else if ((echo = RecoveredLines.echoInline(line)).isPresent()
        && (goroutine = TraceLines.goroutineHeader(echo.get()[1])).isPresent()) {
      text(raw); // the header's value and goroutine share a line: it stays text, whatever its split
      crash = new CrashBuilder(List.of(), budget);
      crash.recovered(echo.get()[0], RecoveredLines.request(lastText));
      headerless = true;
      crash.startGoroutine(goroutine.get());
      state = State.TRACE;
    } else if ((pretty = RecoveredLines.prettyHeader(line)).isPresent()) {
      crash = new CrashBuilder(List.of(), budget);
      crash.recovered(pretty.get(), RecoveredLines.request(lastText));
      crash.startGoroutine(REPORTED);
      reportFrames = false;
      hold(raw);
      state = State.PRETTY;
    } else if (RecoveredLines.ginHeader(line)) {
      text(raw); // recognised only once whole (the marker may come anywhere): it stays text
      ginHead.clear();
      state = State.GIN_HEAD;
    } else if (!(stacks = RecoveredLines.jsonStacks(line)).isEmpty()) {
      text(raw);
      for (String stack : stacks) {
        CrashScanner.scan(stack).crashes().forEach(sink::crash);
      }
    } else {
      text(raw);
      lastText = line; // only the line right before a stack names its value
    }
  }

  private void text(String raw) {
    if (!alreadyText) {
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
          if (headerless && crash.goroutinesDone() == 0 && decideHeaderless() == CrashKind.RECOVERED) {
            emitCrash(false);
            state = State.TAIL; // a recoverer that prints every goroutine goes on with the others
            return;
          }
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

  /** go-chi's pretty stack: {@code -> } frames then indented ones, pairs of function and file. */
  private void pretty(String raw, String line) {
    var text = RecoveredLines.prettyLine(line);
    if (text.isEmpty()) {
      if (line.isBlank()) {
        if (!reportFrames) {
          hold(raw);
        }
        return;
      }
      endReport(false);
      idle(raw, line);
      return;
    }
    String t = text.get();
    var at = TraceLines.location("\t" + t, "\t");
    Optional<TraceLines.Created> created;
    if (at.isPresent() && (pendingCall != null || pendingCreated != null)) {
      clearHeld();
      reportFrames = true;
      if (pendingCall != null) {
        crash.frame(pendingCall, at.get());
        pendingCall = null;
      } else {
        crash.created(pendingCreated, at.get());
        pendingCreated = null;
        emitCrash(false); // the last line of go-chi's report
      }
    } else if ((created = TraceLines.createdBy(t)).isPresent()) {
      pendingCreated = created.get();
    } else if (at.isEmpty() && t.indexOf(' ') < 0) {
      pendingCall = new TraceLines.Call(t, "");
    } else {
      endReport(false);
      idle(raw, line);
    }
  }

  /** The end of go-chi's report: emitted if a frame was read, else its held lines are text. */
  private void endReport(boolean truncated) {
    if (reportFrames) {
      emitCrash(truncated);
    } else {
      release();
    }
  }

  /** Between gin's header and its first frame: the request (debug mode) and the recovered value. */
  private void ginHead(String raw, String line) {
    var at = RecoveredLines.ginFrame(line);
    if (at.isPresent()) {
      int blank = -1;
      for (int i = 0; i < ginHead.size(); i++) {
        if (ginHead.get(i).isBlank()) {
          blank = i;
        }
      }
      String value = String.join("\n", ginHead.subList(blank + 1, ginHead.size())).strip();
      var request = ginHead.stream().map(RecoveredLines::request).flatMap(Optional::stream).findFirst();
      clearHeld();
      ginHead.clear();
      crash = new CrashBuilder(List.of(), budget);
      crash.recovered(value, request);
      crash.startGoroutine(REPORTED);
      ginAt = at.get();
      state = State.GIN;
    } else if (ginHead.size() < MAX_GIN_HEAD && !opensTrace(line)) {
      ginHead.add(line);
      hold(raw);
    } else {
      ginHead.clear();
      release();
      idle(raw, line);
    }
  }

  /** Whether {@code line} would open a trace of its own where the parser is idle. */
  private static boolean opensTrace(String line) {
    return TraceLines.panicHeader(line) || TraceLines.fatalHeader(line) || TraceLines.signalHeader(line)
        || TraceLines.preamble(line) || line.equals(TraceLines.RACE_SEPARATOR) || line.equals(TraceLines.RACE_WARNING)
        || TraceLines.goroutineHeader(line).isPresent() || RecoveredLines.prettyHeader(line).isPresent()
        || RecoveredLines.ginHeader(line) || RecoveredLines.echoInline(line).isPresent()
        || !RecoveredLines.jsonStacks(line).isEmpty();
  }

  /** gin's frames: {@code FILE:LINE (0xPC)}, then {@code \tF: source} when gin could read the source. */
  private void gin(String raw, String line) {
    Optional<String> function;
    Optional<TraceLines.Location> at;
    if (ginAt != null && (function = RecoveredLines.ginFunction(line)).isPresent()) {
      crash.frame(new TraceLines.Call(function.get(), ""), ginAt);
      ginAt = null;
    } else if ((at = RecoveredLines.ginFrame(line)).isPresent()) {
      flushGinFrame();
      ginAt = at.get();
    } else {
      flushGinFrame();
      emitCrash(false);
      idle(raw, line);
    }
  }

  private void flushGinFrame() {
    if (ginAt != null) {
      crash.frame(new TraceLines.Call(StackFrame.UNKNOWN_FUNCTION, ""), ginAt);
      ginAt = null;
    }
  }

  /** After a recovered panic: the other goroutines its recoverer printed are part of its report. */
  private void tail(String raw, String line) {
    if (line.isEmpty() || TraceLines.goroutineHeader(line).isPresent() || TraceLines.createdBy(line).isPresent()
        || TraceLines.call(line).isPresent() || TraceLines.location(line, "\t").isPresent()
        || TraceLines.elided(line).isPresent() || TraceLines.ignorable(line)) {
      return;
    }
    state = State.IDLE;
    idle(raw, line);
  }

  /** The kind of a trace that opened on a goroutine header, decided from its first goroutine. */
  private CrashKind decideHeaderless() {
    if (crash.kind().isEmpty()) {
      if (crash.firstGoroutinePanicked()) {
        crash.recovered(RecoveredLines.value(valueLine), RecoveredLines.request(valueLine));
      } else {
        crash.dump();
      }
    }
    return crash.kind().get();
  }

  private void emitCrash(boolean truncated) {
    if (headerless) {
      decideHeaderless();
    }
    var done = crash.build(truncated);
    crash = null;
    headerless = false;
    valueLine = "";
    lastText = "";
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
    headerless = false;
    clearPending();
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
