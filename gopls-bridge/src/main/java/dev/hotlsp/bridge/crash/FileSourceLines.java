package dev.hotlsp.bridge.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SourceLines} read from disk as UTF-8, each file once. Not thread-safe. */
public final class FileSourceLines implements SourceLines {
  private final Map<Path, List<String>> files = new HashMap<>();

  @Override
  public Optional<String> line(Path file, int line) {
    var lines = files.computeIfAbsent(file, FileSourceLines::read);
    return line >= 1 && line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
  }

  private static List<String> read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
