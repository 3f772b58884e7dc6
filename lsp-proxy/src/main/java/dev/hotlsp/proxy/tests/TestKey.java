package dev.hotlsp.proxy.tests;

import java.util.Comparator;
import java.util.Objects;

/**
 * What the test lane of a workspace queues: one package to test, with the {@code -run} regex of the
 * request ({@code ""}: every test). Keys with the same regex share one {@code go test}.
 */
record TestKey(String importPath, String run) implements Comparable<TestKey> {
  private static final Comparator<TestKey> ORDER =
      Comparator.comparing(TestKey::run).thenComparing(TestKey::importPath);

  TestKey {
    Objects.requireNonNull(importPath, "importPath");
    Objects.requireNonNull(run, "run");
  }

  @Override
  public int compareTo(TestKey other) {
    return ORDER.compare(this, other);
  }
}
