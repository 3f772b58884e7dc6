package dev.hotlsp.bridge.crash;

import java.util.regex.Pattern;

/**
 * Go's own words when its runtime runs out of memory: a {@code fatal error:} line that says {@code
 * out of memory}. The runtime has several spellings, which one a program prints depends on which
 * allocation failed first: {@code runtime: out of memory} (mmap refused), {@code out of memory
 * allocating heap arena metadata}, {@code out of memory (stackalloc)}, {@code pageAlloc: out of
 * memory}, a bare {@code out of memory}…
 */
public final class GoOutOfMemory {
  private static final Pattern LINE =
      Pattern.compile("^fatal error: (?:[\\w.]+: )?out of memory\\b.*$", Pattern.MULTILINE);

  private GoOutOfMemory() {}

  /** Whether {@code line} (one line, without its line break) is such a fatal error. */
  public static boolean isFatalLine(String line) {
    return LINE.matcher(line).matches(); // '.' stops at a line break: two lines never match
  }

  /** Whether any line of {@code text} is such a fatal error. */
  public static boolean saidIn(String text) {
    return LINE.matcher(text).find();
  }
}
