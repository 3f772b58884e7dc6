package dev.hotlsp.bridge.run;

import java.util.Objects;

/** One protection of a run: whether it is active on this machine, how or why not, and the fix. */
public record Protection(String name, boolean active, String reason, String fix) {
  public Protection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fix, "fix");
  }

  static Protection active(String name, String how) {
    return new Protection(name, true, how, "");
  }

  static Protection missing(String name, String why, String fix) {
    return new Protection(name, false, why, fix);
  }
}
