package dev.hotlsp.bridge.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a file's content through one reused buffer and digest, so hashing a burst of
 * thousands of files makes no garbage per file. Not thread-safe: one owner (see {@link FileStates}).
 */
final class ContentHasher {
  private final byte[] buffer = new byte[64 * 1024];
  private final MessageDigest digest;

  ContentHasher() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /** The content hash, or an empty array if unreadable (then any later read counts as a change). */
  byte[] hash(Path file) {
    digest.reset();
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
