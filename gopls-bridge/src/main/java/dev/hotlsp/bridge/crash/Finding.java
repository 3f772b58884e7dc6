package dev.hotlsp.bridge.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A crash placed on a workspace file: an error from {@code start} to {@code end} with a finding
 * {@code code} ({@code panic}, {@code fatal}, {@code race}, {@code oom}; {@code recovered-panic} and
 * {@code hang} are warnings, see {@link #warning}), the message, and related
 * locations (the call chain, the {@code created by} site, the other access of a race). Lines are
 * 1-based; columns are 1-based and count UTF-16 code units; {@code endColumn} is the column just
 * after the range (exclusive), so an LSP range is {@code (line-1, column-1)–(endLine-1, endColumn-1)}.
 */
public record Finding(
    Path file, int line, int column, int endLine, int endColumn, String code, String message,
    List<Related> related) {
  public Finding {
    Objects.requireNonNull(file, "file");
    if (!file.isAbsolute()) {
      throw new IllegalArgumentException("relative file: " + file);
    }
    if (line < 1 || column < 1 || endLine < line || endColumn < 1 || (endLine == line && endColumn < column)) {
      throw new IllegalArgumentException(
          "bad range " + line + ":" + column + "-" + endLine + ":" + endColumn);
    }
    if (code == null || code.isBlank() || message == null || message.isBlank()) {
      throw new IllegalArgumentException("a finding needs a code and a message");
    }
    related = List.copyOf(related);
  }

  /** Whether this finding is a warning (a recovered panic, a hang) rather than an error. */
  public boolean warning() {
    return CrashKind.warningCode(code);
  }

  /** The same finding with another message. */
  public Finding withMessage(String value) {
    return new Finding(file, line, column, endLine, endColumn, code, value, related);
  }

  /** A further location of a finding, same conventions as {@link Finding}. */
  public record Related(Path file, int line, int column, String message) {
    public Related {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
      if (!file.isAbsolute() || line < 1 || column < 1) {
        throw new IllegalArgumentException("bad related location " + file + ":" + line + ":" + column);
      }
    }
  }
}
