package dev.hotlsp.bridge.watch;

import java.nio.file.Path;
import java.util.Objects;

/** One file that was created, modified or deleted; {@code path} is absolute and normalized. */
public record FileChange(Path path, Kind kind) {
  /** What happened to the file, relative to the state last delivered for it. */
  public enum Kind {
    CREATED,
    MODIFIED,
    DELETED
  }

  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("relative path: " + path);
    }
    path = path.normalize();
  }
}
