package dev.hotlsp.proxy.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.diagnostics.PositionMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text report of a headless run: one {@code path:line:col: severity: message} line per
 * diagnostic, sorted by path, line and column; line and column are 1-based, the column counted
 * in UTF-8 bytes like the go command's; paths relative to the checked directory.
 */
record DiagnosticReport(List<String> lines, int errors) {
  private static final String[] SEVERITY = {"error", "error", "warning", "info", "hint"};

  private record Line(String path, int line, int column, String severity, String message) {}

  static DiagnosticReport of(Path dir, Map<String, JsonArray> byUri) {
    var all = new ArrayList<Line>();
    byUri.forEach((uri, diagnostics) -> {
      Path file = Path.of(URI.create(uri));
      List<byte[]> text = readLines(file);
      String shown = file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
      for (JsonElement e : diagnostics) {
        var d = e.getAsJsonObject();
        var start = d.getAsJsonObject("range").getAsJsonObject("start");
        int line = start.get("line").getAsInt();
        int character = start.get("character").getAsInt();
        byte[] lineText = line < text.size() ? text.get(line) : new byte[0];
        int severity = d.has("severity") ? d.get("severity").getAsInt() : 1;
        all.add(new Line(shown, line + 1, PositionMapper.utf8Column(lineText, character),
            SEVERITY[Math.max(0, Math.min(severity, 4))], message(d)));
      }
    });
    all.sort(Comparator.comparing(Line::path).thenComparingInt(Line::line).thenComparingInt(Line::column)
        .thenComparing(Line::message));
    var lines = all.stream()
        .map(l -> l.path() + ":" + l.line() + ":" + l.column() + ": " + l.severity() + ": " + l.message())
        .toList();
    int errors = (int) all.stream().filter(l -> l.severity().equals("error")).count();
    return new DiagnosticReport(lines, errors);
  }

  private static String message(JsonObject d) {
    return d.get("message").getAsString().replace("\r\n", "\n").replace("\n", " ");
  }

  /** The file's lines as raw bytes: a Go file need not be valid UTF-8, and gopls counted what it read. */
  private static List<byte[]> readLines(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    var lines = new ArrayList<byte[]>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        lines.add(Arrays.copyOfRange(bytes, start, i));
        start = i + 1;
      }
    }
    return lines;
  }
}
