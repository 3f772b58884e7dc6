package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Collects one {@code WARNING: DATA RACE} report as {@link TraceParser} reads it, within a {@link
 * ScanBudget} (its {@code goroutines} as blocks, {@code frames} per block, {@code traceChars} of
 * frames and {@code lineChars} of other lines in all). Not thread-safe.
 */
final class RaceBuilder {
  private final ScanBudget budget;
  private long frameChars;
  private long detailChars;
  private final List<RaceReport.Access> accesses = new ArrayList<>();
  private final List<RaceReport.Creation> creations = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private RaceReport.Access access;
  private RaceReport.Creation creation;
  private final List<StackFrame> frames = new ArrayList<>();

  RaceBuilder(ScanBudget budget) {
    this.budget = budget;
  }

  void startAccess(RaceReport.Access a) {
    endBlock();
    access = a;
  }

  void startCreation(RaceReport.Creation c) {
    endBlock();
    creation = c;
  }

  /** A block the report names but HotLSP does not use (a mutex's creation, a location). */
  void other(String line) {
    endBlock();
    if (detailChars + line.length() <= budget.lineChars()) {
      detailChars += line.length();
      details.add(line);
    }
  }

  void frame(TraceLines.Call call, TraceLines.Location at) {
    int chars = call.function().length() + call.arguments().length() + at.file().length();
    if (frames.size() >= budget.frames() || frameChars + chars > budget.traceChars()) {
      return;
    }
    frameChars += chars;
    frames.add(new StackFrame(call.function(), call.arguments(), at.file(), at.line(), at.offset()));
  }

  Crash build(boolean truncated) {
    endBlock();
    var report = new RaceReport(accesses, creations);
    return new Crash(CrashKind.RACE, "WARNING: DATA RACE", details, List.of(), OptionalLong.empty(),
        List.of(), Optional.of(report), Optional.empty(), truncated);
  }

  private void endBlock() {
    if (accesses.size() + creations.size() >= budget.goroutines()) {
      // beyond the budget: the block is left out
    } else if (access != null) {
      accesses.add(new RaceReport.Access(access.operation(), access.address(), access.goroutine(), frames));
    } else if (creation != null) {
      creations.add(new RaceReport.Creation(creation.goroutine(), creation.status(), frames));
    }
    access = null;
    creation = null;
    frames.clear();
  }
}
