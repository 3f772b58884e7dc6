package dev.hotlsp.bridge.crash;

import java.nio.file.Path;
import java.util.Optional;

/** The text of one line of a source file (1-based, without its terminator), when there is one. */
@FunctionalInterface
public interface SourceLines {
  Optional<String> line(Path file, int line);
}
