package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One finding of {@code hotlsp check}, in the conventions of docs/check-json.md: 1-based lines,
 * 1-based UTF-16 {@code column}s with an exclusive {@code endColumn}; {@code goColumn} is the start
 * column in UTF-8 bytes, as go prints it (the text format's). {@code source} is who found it
 * ({@code gopls}, {@code go build}, {@code hotlsp} for a run), {@code code} what kind of finding
 * it is (gopls's code or analyzer, {@code build}, a crash code); {@code flow} is a crash's call
 * chain from the outermost frame to the crash, empty otherwise.
 */
record CheckFinding(Path file, int line, int column, int endLine, int endColumn, int goColumn, Severity severity,
    String source, String code, String message, List<Finding.Related> related, List<Finding.Related> flow) {
  /** The report's order: path, position, then severity, source and message, so equal inputs print equal reports. */
  static final Comparator<CheckFinding> ORDER = Comparator.comparing((CheckFinding f) -> f.file().toString())
      .thenComparingInt(CheckFinding::line).thenComparingInt(CheckFinding::column)
      .thenComparing(CheckFinding::severity).thenComparing(CheckFinding::source)
      .thenComparing(CheckFinding::code).thenComparing(CheckFinding::message);

  CheckFinding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    related = List.copyOf(related);
    flow = List.copyOf(flow);
  }

  /** Who reports the findings of the {@code --run}s. */
  static final String RUN_SOURCE = "hotlsp";

  /**
   * Whether this finding fails the check at {@code failOn}: at or above that severity, or any
   * finding of a {@code --run} — a recovered panic or a hang is a warning (the program kept
   * running), yet the smoke run that saw it failed.
   */
  boolean fails(Severity failOn) {
    return severity.atLeast(failOn) || source.equals(RUN_SOURCE);
  }

  /** Who reports the findings of {@code --tests} and {@code hotlsp test}. */
  static final String TEST_SOURCE = "go test";

  /**
   * A finding of a test run, from {@code go test}: an error ({@code test-failure}, {@code
   * test-panic}, {@code test-timeout}, {@code build}), its flow as for a crash.
   */
  static CheckFinding ofTest(Finding f) {
    var c = ofCrash(f);
    return new CheckFinding(c.file(), c.line(), c.column(), c.endLine(), c.endColumn(), c.goColumn(), Severity.ERROR,
        TEST_SOURCE, c.code(), c.message(), c.related(), c.flow());
  }

  /**
   * A crash finding of a run, from {@code hotlsp}: an error, or a warning for a recovered panic or
   * a hang ({@link Finding#warning}); its flow is the related call chain
   * (callers, innermost first) reversed and ended by the crash site. The go column is the UTF-16
   * one: the mapper places crashes at the first non-blank character, which is ASCII in gofmt'd code.
   */
  static CheckFinding ofCrash(Finding f) {
    var flow = new ArrayList<Finding.Related>();
    for (var r : f.related()) {
      if (r.message().startsWith("called from")) {
        flow.add(0, r);
      }
    }
    if (!flow.isEmpty()) {
      flow.add(new Finding.Related(f.file(), f.line(), f.column(), f.message()));
    }
    return new CheckFinding(f.file(), f.line(), f.column(), f.endLine(), f.endColumn(), f.column(),
        f.warning() ? Severity.WARNING : Severity.ERROR, RUN_SOURCE, f.code(), f.message(), f.related(), flow);
  }
}
