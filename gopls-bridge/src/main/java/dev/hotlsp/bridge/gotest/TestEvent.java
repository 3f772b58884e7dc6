package dev.hotlsp.bridge.gotest;

import java.util.Objects;

/**
 * One line of {@code go test -json} (test2json's {@code TestEvent}): {@code action} ({@code start},
 * {@code run}, {@code pause}, {@code cont}, {@code output}, {@code pass}, {@code fail}, {@code skip},
 * {@code bench}; since Go 1.24 {@code build-output} and {@code build-fail} with {@code importPath});
 * the package ({@code ""} for build events), the test ({@code null} for package events), the output
 * text ({@code ""} when none), the elapsed seconds ({@code -1} when not given) and, on a package's
 * {@code fail}, the build that failed ({@code failedBuild}, else {@code ""}). A line that is not a
 * JSON event (go's own errors on stderr, a Go before 1.24's build output) is the action {@link #TEXT}
 * with the line as its output.
 */
public record TestEvent(
    String action, String pkg, String test, String output, double elapsed, String importPath, String failedBuild) {
  /** The action of a line that was not JSON. */
  public static final String TEXT = "text";

  public TestEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(importPath, "importPath");
    Objects.requireNonNull(failedBuild, "failedBuild");
  }

  /** A line that was not a JSON event; {@code line} keeps its newline. */
  public static TestEvent text(String line) {
    return new TestEvent(TEXT, "", null, line, -1, "", "");
  }

  /** Whether this event ends its package ({@code pass}, {@code fail} or {@code skip} without a test). */
  public boolean endsPackage() {
    return test == null && !pkg.isEmpty()
        && (action.equals("pass") || action.equals("fail") || action.equals("skip"));
  }
}
