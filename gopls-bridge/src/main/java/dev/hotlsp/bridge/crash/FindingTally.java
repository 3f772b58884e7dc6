package dev.hotlsp.bridge.crash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one run (or one log) with repeats counted: a finding equal to one already added
 * (same place, code and message — a server's handler panicking on every request) is counted
 * instead of listed again, and {@link #all} says {@code … (3 times)}. First-seen order. Not
 * thread-safe.
 */
public final class FindingTally {
  private final Map<Finding, Integer> counts = new LinkedHashMap<>();

  /** Adds {@code findings}; returns whether anything changed (always, unless {@code findings} is empty). */
  public boolean add(List<Finding> findings) {
    findings.forEach(f -> counts.merge(f, 1, Integer::sum));
    return !findings.isEmpty();
  }

  /** How many findings, counting each repeated one once. */
  public int size() {
    return counts.size();
  }

  /** The findings, each once, a repeated one's message ending with {@code (N times)}. */
  public List<Finding> all() {
    var out = new ArrayList<Finding>(counts.size());
    counts.forEach((f, n) -> out.add(n == 1 ? f : f.withMessage(f.message() + " (" + n + " times)")));
    return out;
  }
}
