package dev.hotlsp.proxy.harness;

/** The state of an {@link Expectation} against the messages seen so far. */
public enum Verdict {
  /** Holds now. */
  MET,
  /** Does not hold yet, and may once more messages arrive. */
  UNMET,
  /** Can never hold, whatever arrives later: waiting stops at once. */
  UNMEETABLE
}
