package dev.hotlsp.bridge.gotest;

import java.util.Locale;

/** How one test (or subtest) ended. */
public enum TestStatus {
  PASS,
  FAIL,
  SKIP,
  /** It was running when the test binary's {@code -timeout} fired. */
  TIMEOUT,
  /** It was running when the run was stopped (a newer change, the user). */
  STOPPED;

  /** The wire and report name: {@code pass}, {@code fail}, {@code skip}, {@code timeout}, {@code stopped}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
