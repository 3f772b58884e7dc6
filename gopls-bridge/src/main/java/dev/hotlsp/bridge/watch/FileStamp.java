package dev.hotlsp.bridge.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** What a stat of a regular file says: its size and modification time (nanoseconds since epoch). */
record FileStamp(long size, long modifiedNanos) {
  /** The stamp of {@code path}, or empty if it is not a regular file (gone, a directory, ...). */
  static Optional<FileStamp> of(Path path) {
    try {
      var attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new FileStamp(
              attrs.size(),
              attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
