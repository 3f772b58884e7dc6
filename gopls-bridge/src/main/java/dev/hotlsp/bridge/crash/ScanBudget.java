package dev.hotlsp.bridge.crash;

/**
 * How much of a program's output a {@link CrashScanner} keeps while it reads, so that whatever a
 * program prints costs fixed memory. {@code lineChars}: the characters kept of one line (the rest
 * of a longer line is counted, and the line is handed back as text as it arrives), and of a
 * trace's head — its header, details and the lines held before the trace is decided — in total.
 * {@code traceChars}: the characters of frames (function, arguments, file) one trace keeps in
 * total. {@code goroutines}: the goroutines one trace keeps (and the blocks of one race report);
 * the rest are counted. {@code frames}: the frames kept per goroutine (per runtime stack, per race
 * block); the rest are counted as left out. Go itself prints at most 100 frames per goroutine, so
 * the defaults cut no real trace's stacks.
 */
public record ScanBudget(int lineChars, int traceChars, int goroutines, int frames) {
  /** 1 MiB per line and head, 8 MiB of frames, 1,000 goroutines of 128 frames each. */
  public static final ScanBudget DEFAULT = new ScanBudget(1 << 20, 8 << 20, 1_000, 128);

  public ScanBudget {
    if (lineChars < 64 || traceChars < 1 || goroutines < 1 || frames < 1) {
      throw new IllegalArgumentException(
          "scan budget too small: " + lineChars + " " + traceChars + " " + goroutines + " " + frames);
    }
  }
}
