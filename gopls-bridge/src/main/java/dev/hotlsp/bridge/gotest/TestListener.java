package dev.hotlsp.bridge.gotest;

/** Told of a {@code go test} run's progress as it goes, on the runner's reader thread. */
public interface TestListener {
  /** A package ended (its result is final). */
  void packageDone(PackageResult result);

  /** A test started running ({@code TestX} or {@code TestX/case}); for progress. */
  default void testStarted(String importPath, String test) {}

  /** Does nothing. */
  TestListener NONE = result -> {};
}
