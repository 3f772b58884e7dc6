package dev.hotlsp.bridge.gotest;

import java.util.Locale;

/** How one package's tests ended. */
public enum PackageStatus {
  PASS,
  FAIL,
  /** The package has no test files (go's {@code [no test files]}), or every test was skipped. */
  SKIP,
  /** The test binary did not build: the compiler's errors are the findings. */
  BUILD_FAILED,
  /** The run was stopped before the package ended. */
  STOPPED;

  /** The wire and report name: {@code pass}, {@code fail}, {@code skip}, {@code build-failed}, {@code stopped}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
