package dev.hotlsp.bridge.gotest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One test, subtest ({@code TestX/case_1}), benchmark, fuzz target or example as it ran: its status,
 * how long it took, what it printed (go's {@code === RUN}/{@code --- FAIL} lines included), and
 * where its top-level function is declared ({@code file} null and {@code line} 0 when unknown;
 * {@code line} 1-based).
 */
public record TestCase(String name, TestStatus status, Duration elapsed, String output, Path file, int line) {
  public TestCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(output, "output");
    if (line < 0 || (file == null) != (line == 0)) {
      throw new IllegalArgumentException("a declaration has a file and a 1-based line, or neither: " + file + ":" + line);
    }
  }

  /** The top-level test of a subtest ({@code TestX} of {@code TestX/case_1}); the name itself otherwise. */
  public String topLevel() {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  /** The same test declared at {@code file}:{@code line}. */
  public TestCase at(Path value, int valueLine) {
    return new TestCase(name, status, elapsed, output, value, valueLine);
  }
}
