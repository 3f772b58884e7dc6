package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Collects the parts of one crash trace as {@link TraceParser} reads them. Not thread-safe. */
final class CrashBuilder {
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

  CrashBuilder(List<String> preamble) {
    details.addAll(preamble);
  }

  void header(String line) {
    if (kind == null) {
      kind = kindOf(line);
    }
    header.add(new StringBuilder(line));
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
    if (header.isEmpty()) {
      details.add(text);
    } else {
      header.get(header.size() - 1).append('\n').append(text);
    }
  }

  void detail(String line) {
    details.add(line);
  }

  void startGoroutine(TraceLines.Header h) {
    endBlock();
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
    if (inAncestors) {
      return;
    }
    var frame = new StackFrame(call.function(), call.arguments(), at.file(), at.line(), at.offset());
    if (inRuntimeStack) {
      runtimeStack.add(frame);
    } else if (current != null) {
      frames.add(frame);
    }
  }

  void created(TraceLines.Created created, TraceLines.Location at) {
    if (current != null && !inAncestors) {
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
    OptionalLong crashed = OptionalLong.empty();
    boolean deadlock = k == CrashKind.FATAL && message.contains("all goroutines are asleep");
    if (!goroutines.isEmpty() && !deadlock && k != CrashKind.DUMP) {
      crashed = OptionalLong.of(goroutines.get(0).id());
    }
    return new Crash(k, message, details, goroutines, crashed, runtimeStack, Optional.empty(), request, truncated);
  }

  private void endBlock() {
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
