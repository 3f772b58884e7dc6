package dev.hotlsp.proxy.harness;

/** Which way a logged message travelled between the fake editor and the server under test. */
public enum Direction {
  TO_SERVER("->"),
  FROM_SERVER("<-");

  private final String arrow;

  Direction(String arrow) {
    this.arrow = arrow;
  }

  /** A two-character arrow for log listings. */
  public String arrow() {
    return arrow;
  }
}
