package dev.hotlsp.bridge.gotest;

import java.time.Duration;
import java.util.List;

/**
 * One package's outcome as go's JSON stream told it, before its findings are placed: {@code
 * buildOutput} is the compiler's output of the build that failed ({@code ""} when none did), {@code
 * output} everything the package printed, build output first.
 */
record PackageRun(
    String importPath, PackageStatus status, Duration elapsed, boolean cached, List<TestCase> tests,
    String buildOutput, String output) {
  PackageRun {
    tests = List.copyOf(tests);
  }
}
