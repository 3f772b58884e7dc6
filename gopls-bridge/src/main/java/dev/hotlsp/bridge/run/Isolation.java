package dev.hotlsp.bridge.run;

import java.util.Locale;
import java.util.Optional;

/** How strongly a user program is kept apart from the machine ({@code --isolation}). */
public enum Isolation {
  /** The developer's own program: network, the workspace as working directory, limits on. */
  LOCAL,
  /** bubblewrap: no network, read-only root, private temp dir, cleared environment, tight limits. */
  ISOLATED,
  /** {@link #ISOLATED} inside gVisor ({@code runsc}); only where runsc is installed. */
  GVISOR;

  /** The name on the command line and the wire: {@code local}, {@code isolated}, {@code gvisor}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level named {@code name} (its wire name), if there is one. */
  public static Optional<Isolation> parse(String name) {
    for (var level : values()) {
      if (level.wireName().equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
