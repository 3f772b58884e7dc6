package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Go program's output as it arrives and lifts crash traces out of it: {@link #feed} takes
 * any chunk of text (any split, lines or not) and gives back the text that is not part of a trace,
 * byte for byte, and the crashes completed so far; {@link #finish} does the same at the end of the
 * output, emitting a trace cut short with what was read. Unknown lines never throw: outside a
 * trace they pass through, inside one they end it and pass through. Text is handed back a line at
 * a time, except that an unfinished line that cannot open a trace (a prompt) is handed back at
 * once. One instance per stream; not thread-safe.
 *
 * <p>Memory is bounded by a {@link ScanBudget}: a line longer than its {@code lineChars} is handed
 * back as text as it arrives (with the lines held before it) and read, cut to that length and
 * with the count of the rest, as part of a trace if it is one; a trace keeps at most the budget's
 * goroutines and frames and counts the rest ({@link Crash#omittedGoroutines}, frames in {@link
 * Goroutine#elidedFrames}). A trace whose head outgrew the budget may thus also appear as text;
 * text is never lost.
 *
 * <p>Understands Go 1.19 to 1.26: {@code panic:} (multi-line values, nested, {@code [recovered]},
 * {@code [recovered, repanicked]}), {@code fatal error:} with its {@code runtime:} lines, signal
 * dumps with registers, {@code runtime stack:}, every goroutine header and frame form, elided
 * frames, {@code created by}, and {@code -race} reports.
 */
public final class CrashScanner {
  private static final List<String> OPENERS = List.of("panic: ", "fatal error: ", "SIG", "runtime: ",
      "unexpected fault address ", TraceLines.RACE_SEPARATOR, TraceLines.RACE_WARNING, "goroutine ", " panic: ");

  private final StringBuilder text = new StringBuilder();
  private final List<Crash> crashes = new ArrayList<>();
  private final ScanBudget budget;
  private final TraceParser parser;
  private final StringBuilder partial = new StringBuilder();
  private boolean midLine;
  /**
   * The line handed back as text while it arrives, for the parser once it ends: its start (at most
   * the budget's {@code lineChars} and its line end), the count of the rest, its last two characters.
   */
  private final StringBuilder seen = new StringBuilder();
  private long seenMore;
  private char seenLast;
  private char seenBeforeLast;
  /** The kept start of a line longer than the budget, while the rest of it arrives; else null. */
  private String cut;
  /** How many characters of the cut line were not kept, and whether the last one seen was a CR. */
  private long cutChars;
  private boolean cutEndsInCr;

  /** A scanner with the {@link ScanBudget#DEFAULT default budget}. */
  public CrashScanner() {
    this(ScanBudget.DEFAULT);
  }

  /** A scanner that keeps at most what {@code budget} allows, whatever the output. */
  public CrashScanner(ScanBudget budget) {
    this.budget = budget;
    this.parser = new TraceParser(new TraceParser.Sink() {
      @Override
      public void text(String raw) {
        text.append(raw);
      }

      @Override
      public void crash(Crash crash) {
        crashes.add(crash);
      }
    }, budget);
  }

  /** Reads {@code input} and returns what it completed. */
  public ScanOutput feed(CharSequence input) {
    String chunk = input.toString();
    int start = 0;
    // line ends found by String.indexOf (an intrinsic), not a charAt per character: the JVM runs
    // C1 only, which calls charAt through the interface for every character of a large dump
    for (int i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', start)) {
      if (cut != null) {
        passCut(chunk, start, i);
        text.append('\n');
        endCut();
      } else if (midLine) {
        text.append(chunk, start, i + 1);
        see(chunk, start, i + 1);
        midLine = false;
        endSeen(true);
      } else if (partial.length() + i - start > budget.lineChars()) {
        partial.append(chunk, start, i);
        startCut();
        text.append('\n');
        endCut();
      } else if (partial.isEmpty()) {
        parser.line(chunk.substring(start, i + 1));
      } else {
        partial.append(chunk, start, i + 1);
        parser.line(partial.toString());
        partial.setLength(0);
      }
      start = i + 1;
    }
    if (start < chunk.length()) {
      if (cut != null) {
        passCut(chunk, start, chunk.length());
      } else if (midLine) {
        text.append(chunk, start, chunk.length());
        see(chunk, start, chunk.length());
      } else {
        partial.append(chunk, start, chunk.length());
        if (partial.length() > budget.lineChars()) {
          startCut();
        } else if (parser.idle() && !mayOpenTrace(partial)) {
          text.append(partial);
          see(partial, 0, partial.length());
          partial.setLength(0);
          midLine = true;
        }
      }
    }
    return drain();
  }

  /** The end of the output: the last line, a trace under way, and lines held back. */
  public ScanOutput finish() {
    if (cut != null) {
      endCut();
    } else if (!partial.isEmpty()) {
      parser.line(partial.toString());
      partial.setLength(0);
    }
    if (midLine) {
      endSeen(false);
    }
    midLine = false;
    parser.end();
    return drain();
  }

  /**
   * {@code partial} is longer than the budget: what the parser holds and the line so far are
   * handed back as text now, in order, and only the line's start is kept, to be read when it ends.
   */
  private void startCut() {
    parser.releaseHeld();
    text.append(partial);
    int keep = budget.lineChars();
    cut = partial.substring(0, keep);
    cutChars = partial.length() - keep;
    cutEndsInCr = partial.charAt(partial.length() - 1) == '\r';
    partial.setLength(0);
  }

  /** More of a cut line, from {@code from} to {@code to} (no line end in it): handed back, counted. */
  private void passCut(String chunk, int from, int to) {
    if (to > from) {
      text.append(chunk, from, to);
      cutChars += to - from;
      cutEndsInCr = chunk.charAt(to - 1) == '\r';
    }
  }

  /** The cut line ended: the parser reads its kept start with the count, and nothing to hand back. */
  private void endCut() {
    long more = cutChars - (cutEndsInCr ? 1 : 0);
    parser.line("", cut + String.format(Locale.ROOT, "… [%,d more characters]", more));
    cut = null;
    cutChars = 0;
    cutEndsInCr = false;
  }

  /** Reads a whole output at once: {@code feed(all)} then {@code finish()}, merged. */
  public static ScanOutput scan(CharSequence all) {
    return scan(all, ScanBudget.DEFAULT);
  }

  /** Reads a whole output at once within {@code budget}. */
  public static ScanOutput scan(CharSequence all, ScanBudget budget) {
    var scanner = new CrashScanner(budget);
    var first = scanner.feed(all);
    var last = scanner.finish();
    var crashes = new ArrayList<>(first.crashes());
    crashes.addAll(last.crashes());
    return new ScanOutput(first.passthrough() + last.passthrough(), crashes);
  }

  private void see(CharSequence chunk, int from, int to) {
    int keep = Math.min(to - from, Math.max(0, budget.lineChars() + 1 - seen.length()));
    seen.append(chunk, from, from + keep);
    seenMore += to - from - keep;
    if (to - from >= 2) {
      seenBeforeLast = chunk.charAt(to - 2);
    } else if (to > from) {
      seenBeforeLast = seenLast;
    }
    if (to > from) {
      seenLast = chunk.charAt(to - 1);
    }
  }

  /**
   * The line handed back as it arrived has ended ({@code newline}: with its {@code \n}): the parser
   * reads it — cut to the budget with the count of the rest, as a line that arrived whole would be
   * (a value line or a report's header that long is read too, whatever the chunks).
   */
  private void endSeen(boolean newline) {
    long length = seen.length() + seenMore - (newline ? 1 : 0);
    if (length <= budget.lineChars()) {
      parser.lineAlreadyText(seen.toString());
    } else {
      boolean cr = (newline ? seenBeforeLast : seenLast) == '\r';
      long more = length - budget.lineChars() - (cr ? 1 : 0);
      parser.line("", seen.substring(0, budget.lineChars()) + String.format(Locale.ROOT, "… [%,d more characters]", more));
    }
    seen.setLength(0);
    seenMore = 0;
    seenLast = 0;
    seenBeforeLast = 0;
  }

  private static boolean mayOpenTrace(CharSequence partial) {
    for (String opener : OPENERS) {
      int n = Math.min(opener.length(), partial.length());
      boolean same = true;
      for (int i = 0; i < n && same; i++) {
        same = opener.charAt(i) == partial.charAt(i);
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  private ScanOutput drain() {
    var out = new ScanOutput(text.toString(), crashes);
    text.setLength(0);
    crashes.clear();
    return out;
  }
}
