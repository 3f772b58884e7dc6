package dev.hotlsp.bridge.build;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One error of a go build, at a position in a file. {@code line} is 1-based; {@code column} is
 * 1-based and counts UTF-8 bytes, as the go compiler prints it (convert to 0-based UTF-16 for LSP).
 * When go gives no column it is 1; an error with no position at all (a module or linker error) is
 * placed at line 1, column 1 of the go.mod of the target's module. {@code message} may span several
 * lines (go's tab-indented continuation lines, tab removed).
 */
public record BuildError(Path file, int line, int column, String message) {
  public BuildError {
    Objects.requireNonNull(file, "file");
    if (!file.isAbsolute()) {
      throw new IllegalArgumentException("relative file: " + file);
    }
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("empty message");
    }
  }
}
