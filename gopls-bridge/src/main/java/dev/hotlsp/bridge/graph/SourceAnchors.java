package dev.hotlsp.bridge.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The lines of a main package that a problem without a position of its own is anchored to: its
 * {@code func main} (a run that failed without a trace, a binary that does not link), and the
 * {@code //go:linkname} or {@code import "C"} line that names a symbol the linker did not find.
 * Files are read as given, in that order; an unreadable file is skipped. Stateless.
 */
public final class SourceAnchors {
  private static final Pattern FUNC_MAIN = Pattern.compile("^func\\s+main\\s*\\(\\s*\\)");
  private static final Pattern LINKNAME = Pattern.compile("^\\s*//go:linkname\\s+\\S+\\s+(\\S+)\\s*$");
  private static final Pattern IMPORT_C = Pattern.compile("^\\s*import\\s+\"C\"\\s*(//.*)?$");

  /**
   * A line of a Go file: 1-based {@code line}, the 1-based {@code column} of its first non-blank
   * character (the same in UTF-8 bytes and UTF-16 units: only blanks precede it) and the UTF-16
   * column just after its last non-blank character.
   */
  public record Anchor(Path file, int line, int column, int endColumn) {}

  private SourceAnchors() {}

  /** The non-test Go files directly in {@code dir}, sorted by name (go's order); none if unreadable. */
  public static List<Path> goFiles(Path dir) {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".go") && !f.getFileName().toString().endsWith("_test.go"))
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The first {@code func main()} line of {@code files}. */
  public static Optional<Anchor> funcMain(List<Path> files) {
    for (var file : files) {
      var lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (FUNC_MAIN.matcher(lines.get(i)).find()) {
          return Optional.of(anchor(file, i, lines.get(i)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where {@code symbol}, which the linker did not find, is named: the {@code //go:linkname} line
   * whose target is {@code symbol}; else, for a C symbol (no dot), the {@code import "C"} line of
   * the first file that mentions it as a word (in its preamble or as {@code C.symbol}).
   */
  public static Optional<Anchor> linkSymbol(List<Path> files, String symbol) {
    for (var file : files) {
      var lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        var m = LINKNAME.matcher(lines.get(i));
        if (m.matches() && m.group(1).equals(symbol)) {
          return Optional.of(anchor(file, i, lines.get(i)));
        }
      }
    }
    if (symbol.contains(".") || symbol.contains("/")) {
      return Optional.empty();
    }
    var word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(symbol) + "(?![A-Za-z0-9_])");
    for (var file : files) {
      var lines = lines(file);
      int importC = -1;
      boolean named = false;
      for (int i = 0; i < lines.size(); i++) {
        if (importC < 0 && IMPORT_C.matcher(lines.get(i)).matches()) {
          importC = i;
        }
        named |= word.matcher(lines.get(i)).find();
      }
      if (importC >= 0 && named) {
        return Optional.of(anchor(file, importC, lines.get(importC)));
      }
    }
    return Optional.empty();
  }

  private static Anchor anchor(Path file, int index, String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int end = text.stripTrailing().length();
    return new Anchor(file, index + 1, start + 1, Math.max(end, start) + 1);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
