package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Go program's output as it arrives and lifts crash traces out of it: {@link #feed} takes
 * any chunk of text (any split, lines or not) and gives back the text that is not part of a trace,
 * byte for byte, and the crashes completed so far; {@link #finish} does the same at the end of the
 * output, emitting a trace cut short with what was read. Unknown lines never throw: outside a
 * trace they pass through, inside one they end it and pass through. Text is handed back a line at
 * a time, except that an unfinished line that cannot open a trace (a prompt) is handed back at
 * once. One instance per stream; not thread-safe.
 *
 * <p>Understands Go 1.19 to 1.26: {@code panic:} (multi-line values, nested, {@code [recovered]},
 * {@code [recovered, repanicked]}), {@code fatal error:} with its {@code runtime:} lines, signal
 * dumps with registers, {@code runtime stack:}, every goroutine header and frame form, elided
 * frames, {@code created by}, and {@code -race} reports.
 */
public final class CrashScanner {
  private static final List<String> OPENERS = List.of("panic: ", "fatal error: ", "SIG", "runtime: ",
      "unexpected fault address ", TraceLines.RACE_SEPARATOR, TraceLines.RACE_WARNING, "goroutine ", " panic: ");
  /** How much of a line already handed back as text is kept for the parser to read when it ends. */
  private static final int MAX_SEEN_LINE = 1 << 20;

  private final StringBuilder text = new StringBuilder();
  private final List<Crash> crashes = new ArrayList<>();
  private final TraceParser parser = new TraceParser(new TraceParser.Sink() {
    @Override
    public void text(String raw) {
      text.append(raw);
    }

    @Override
    public void crash(Crash crash) {
      crashes.add(crash);
    }
  });
  private final StringBuilder partial = new StringBuilder();
  private boolean midLine;
  /** The line handed back as text while it arrives, for the parser once it ends (bounded). */
  private final StringBuilder seen = new StringBuilder();
  private boolean seenCut;

  /** Reads {@code input} and returns what it completed. */
  public ScanOutput feed(CharSequence input) {
    String chunk = input.toString();
    int start = 0;
    // line ends found by String.indexOf (an intrinsic), not a charAt per character: the JVM runs
    // C1 only, which calls charAt through the interface for every character of a large dump
    for (int i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', start)) {
      if (midLine) {
        text.append(chunk, start, i + 1);
        see(chunk, start, i + 1);
        midLine = false;
        if (!seenCut) {
          parser.lineAlreadyText(seen.toString());
        }
        seen.setLength(0);
        seenCut = false;
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
      if (midLine) {
        text.append(chunk, start, chunk.length());
        see(chunk, start, chunk.length());
      } else {
        partial.append(chunk, start, chunk.length());
        if (parser.idle() && !mayOpenTrace(partial)) {
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
    if (!partial.isEmpty()) {
      parser.line(partial.toString());
      partial.setLength(0);
    }
    if (midLine && !seenCut) {
      parser.lineAlreadyText(seen.toString());
    }
    seen.setLength(0);
    seenCut = false;
    midLine = false;
    parser.end();
    return drain();
  }

  /** Reads a whole output at once: {@code feed(all)} then {@code finish()}, merged. */
  public static ScanOutput scan(CharSequence all) {
    var scanner = new CrashScanner();
    var first = scanner.feed(all);
    var last = scanner.finish();
    var crashes = new ArrayList<>(first.crashes());
    crashes.addAll(last.crashes());
    return new ScanOutput(first.passthrough() + last.passthrough(), crashes);
  }

  private void see(CharSequence chunk, int from, int to) {
    if (seen.length() + (to - from) > MAX_SEEN_LINE) {
      seenCut = true;
      seen.setLength(0);
    } else if (!seenCut) {
      seen.append(chunk, from, to);
    }
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
