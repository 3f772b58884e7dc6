package dev.hotlsp.proxy.harness;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a {@link RequestStream}'s requests were answered.
 *
 * @param results requests answered with a result (JSON null included)
 * @param errorsByCode requests answered with an error, counted by JSON-RPC error code
 */
public record Answers(int results, SortedMap<Integer, Integer> errorsByCode) {
  public Answers {
    if (results < 0) {
      throw new IllegalArgumentException("results " + results);
    }
    errorsByCode = new TreeMap<>(errorsByCode);
  }

  public int errors() {
    return errorsByCode.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The error codes other than {@code allowed}, with their counts. */
  public Map<Integer, Integer> errorsOtherThan(int allowed) {
    var other = new TreeMap<>(errorsByCode);
    other.remove(allowed);
    return other;
  }

  @Override
  public SortedMap<Integer, Integer> errorsByCode() {
    return new TreeMap<>(errorsByCode);
  }
}
