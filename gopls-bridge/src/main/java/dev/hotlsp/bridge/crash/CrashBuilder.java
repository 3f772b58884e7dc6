package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Collects the parts of one crash trace as {@link TraceParser} reads them, within a {@link
 * ScanBudget}: header lines and details up to its {@code lineChars} (further lines are counted in
 * the message), goroutines up to its {@code goroutines}, frames up to its {@code frames} per
 * goroutine and {@code traceChars} in all (further ones counted). Not thread-safe.
 */
final class CrashBuilder {
  private final ScanBudget budget;
  private final List<StringBuilder> header = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final List<Goroutine> goroutines = new ArrayList<>();
  private final List<StackFrame> runtimeStack = new ArrayList<>();
  private CrashKind kind;
  private Optional<String> request = Optional.empty();

  private TraceLines.Header current;
  private List<StackFrame> frames;
  private StackFrame createdBy;
  private long parent = -1;
  private long elided;
  private boolean moreElided;
  private boolean inRuntimeStack;
  private boolean inAncestors;
  /** Characters of the header and details kept, and lines of them left out. */
  private long headChars;
  private long headLinesOmitted;
  /** Characters of frames kept, goroutines left out, and whether this goroutine's frames are. */
  private long frameChars;
  private long goroutinesOmitted;
  private boolean skipping;

  CrashBuilder(List<String> preamble, ScanBudget budget) {
    this.budget = budget;
    details.addAll(preamble);
    preamble.forEach(line -> headChars += line.length());
  }

  void header(String line) {
    if (kind == null) {
      kind = kindOf(line);
    }
    if (header.isEmpty()) { // the first header line is always kept (a long one is cut already)
      headChars += line.length();
      header.add(new StringBuilder(line));
    } else if (fitsHead(line)) {
      header.add(new StringBuilder(line));
    }
  }

  /** This trace is a panic the program recovered: {@code value} as its report wrote it. */
  void recovered(String value, Optional<String> request) {
    kind = CrashKind.RECOVERED;
    header.clear();
    header.add(new StringBuilder(value.isBlank() ? Crash.VALUE_NOT_LOGGED : value));
    this.request = request;
  }

  /** This trace is a goroutine dump without a panic. */
  void dump() {
    kind = CrashKind.DUMP;
    header.clear();
    header.add(new StringBuilder("goroutine dump"));
  }

  /** The kind decided so far, if any. */
  Optional<CrashKind> kind() {
    return Optional.ofNullable(kind);
  }

  /** Whether the first goroutine's stack (the one being read, or done) goes through {@code panic}. */
  boolean firstGoroutinePanicked() {
    var first = goroutines.isEmpty() ? frames : goroutines.get(0).frames();
    return first != null && first.stream().anyMatch(StackFrame::panicking);
  }

  /** How many goroutines are complete. */
  int goroutinesDone() {
    return goroutines.size();
  }

  void continuation(String text) {
    if (!fitsHead(text)) {
      return;
    }
    if (header.isEmpty()) {
      details.add(text);
    } else {
      header.get(header.size() - 1).append('\n').append(text);
    }
  }

  void detail(String line) {
    if (fitsHead(line)) {
      details.add(line);
    }
  }

  void startGoroutine(TraceLines.Header h) {
    endBlock();
    if (goroutines.size() >= budget.goroutines() || frameChars >= budget.traceChars()) {
      goroutinesOmitted++;
      skipping = true;
      return;
    }
    current = h;
    frames = new ArrayList<>();
  }

  void startRuntimeStack() {
    endBlock();
    inRuntimeStack = true;
  }

  /** The frames that follow, up to the next goroutine, are an ancestor's: not this goroutine's stack. */
  void ancestors() {
    inAncestors = true;
  }

  void frame(TraceLines.Call call, TraceLines.Location at) {
    if (inAncestors || skipping) {
      return;
    }
    var kept = inRuntimeStack ? runtimeStack : current != null ? frames : null;
    if (kept == null) {
      return;
    }
    int chars = call.function().length() + call.arguments().length() + at.file().length();
    if (kept.size() >= budget.frames() || frameChars + chars > budget.traceChars()) {
      if (kept == frames) {
        elided++; // left out of the list, as the runtime's elided frames are
      }
      return;
    }
    frameChars += chars;
    kept.add(new StackFrame(call.function(), call.arguments(), at.file(), at.line(), at.offset()));
  }

  void created(TraceLines.Created created, TraceLines.Location at) {
    if (current != null && !inAncestors && frameChars + created.function().length() + at.file().length()
        <= budget.traceChars()) {
      frameChars += created.function().length() + at.file().length();
      createdBy = new StackFrame(created.function(), "", at.file(), at.line(), at.offset());
      parent = created.parent();
    }
  }

  void elided(long n) {
    if (n < 0) {
      moreElided = true;
    } else {
      elided += n;
    }
  }

  Crash build(boolean truncated) {
    endBlock();
    var k = kind == null ? CrashKind.FATAL : kind;
    String message = header.isEmpty() ? "fatal error: (no header)" : String.join("\n", header);
    if (headLinesOmitted > 0) {
      message += String.format(Locale.ROOT, "\n… [%,d more lines]", headLinesOmitted);
    }
    OptionalLong crashed = OptionalLong.empty();
    boolean deadlock = k == CrashKind.FATAL && message.contains("all goroutines are asleep");
    if (!goroutines.isEmpty() && !deadlock && k != CrashKind.DUMP) {
      crashed = OptionalLong.of(goroutines.get(0).id());
    }
    return new Crash(k, message, details, goroutines, crashed, runtimeStack, Optional.empty(), request, truncated,
        goroutinesOmitted);
  }

  /** Whether a line of the header area is kept; if not, it is counted. */
  private boolean fitsHead(String line) {
    if (headChars + line.length() > budget.lineChars()) {
      headLinesOmitted++;
      return false;
    }
    headChars += line.length();
    return true;
  }

  private void endBlock() {
    skipping = false;
    inRuntimeStack = false;
    inAncestors = false;
    if (current != null) {
      goroutines.add(new Goroutine(current.id(), current.status(), current.minutes(), current.locked(),
          frames, Optional.ofNullable(createdBy),
          parent < 0 ? OptionalLong.empty() : OptionalLong.of(parent), elided, moreElided));
    }
    current = null;
    frames = null;
    createdBy = null;
    parent = -1;
    elided = 0;
    moreElided = false;
  }

  private static CrashKind kindOf(String line) {
    if (line.startsWith("panic: ")) {
      return CrashKind.PANIC;
    }
    if (line.startsWith("fatal error: ")) {
      return GoOutOfMemory.isFatalLine(line) ? CrashKind.OUT_OF_MEMORY : CrashKind.FATAL;
    }
    return CrashKind.SIGNAL;
  }
}
