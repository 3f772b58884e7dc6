package dev.hotlsp.bridge.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 of each target's last good binary: what decides whether a build changed it (never its
 * mtime). Not thread-safe: owned by the rebuild loop's thread.
 */
final class BinaryDigests {
  private final Map<String, String> last = new HashMap<>();

  /** Remembers the digest of a binary already on disk before the first build of {@code target}. */
  void baseline(String target, Path binary) {
    if (!last.containsKey(target)) {
      last.put(target, of(binary).orElse(""));
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

  /** The hex SHA-256 of {@code file}, or empty if it cannot be read. */
  static Optional<String> of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      var digest = MessageDigest.getInstance("SHA-256");
      var buf = new byte[256 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
      return Optional.of(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
