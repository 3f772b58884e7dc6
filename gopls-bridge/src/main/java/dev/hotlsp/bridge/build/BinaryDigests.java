package dev.hotlsp.bridge.build;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BinaryDigest} of each target's last good binary: what decides whether a build changed
 * it (never its mtime, nor its build IDs). Not thread-safe: owned by the rebuild loop's thread.
 */
final class BinaryDigests {
  private final Map<String, String> last = new HashMap<>();

  /** Remembers the digest of a binary already on disk before the first build of {@code target}. */
  void baseline(String target, Path binary) {
    if (!last.containsKey(target)) {
      last.put(target, BinaryDigest.of(binary).orElse(""));
    }
  }

  /**
   * Records the digest of a successful build; true if it differs from the last one (an unreadable
   * binary counts as changed).
   */
  boolean update(String target, Optional<String> digest) {
    var now = digest.orElse("unreadable");
    return !now.equals(last.put(target, now));
  }
}
