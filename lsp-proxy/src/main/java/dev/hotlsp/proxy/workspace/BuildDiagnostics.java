package dev.hotlsp.proxy.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.BuildError;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.bridge.toolchain.PositionMapper;
import dev.hotlsp.proxy.wire.LspValues;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code go build} diagnostics of every run target, as LSP diagnostics per file. Two targets
 * that share a broken package report its error once. Each build result replaces only its own
 * target's errors. Not thread-safe: used from the rebuild loop's thread.
 */
public final class BuildDiagnostics {
  /** The diagnostics source name, in the union and in each diagnostic's {@code source}. */
  public static final String SOURCE = "go build";

  private final Map<String, Map<String, JsonArray>> byTarget = new HashMap<>();

  /**
   * Records {@code result} and returns, for every file whose build diagnostics changed, the merged
   * diagnostics over all targets (an empty array clears the file).
   */
  Map<String, JsonArray> record(BuildResult result) {
    var before = byTarget.getOrDefault(result.target(), Map.of());
    var now = new TreeMap<String, JsonArray>();
    for (BuildError error : result.errors()) {
      now.computeIfAbsent(FileUri.of(error.file()), u -> new JsonArray()).add(toDiagnostic(error));
    }
    byTarget.put(result.target(), now);
    Set<String> touched = new LinkedHashSet<>(before.keySet());
    touched.addAll(now.keySet());
    var out = new TreeMap<String, JsonArray>();
    for (var uri : touched) {
      var merged = new JsonArray();
      byTarget.values().forEach(files -> files.getOrDefault(uri, new JsonArray()).forEach(d -> {
        if (!merged.contains(d)) {
          merged.add(d);
        }
      }));
      out.put(uri, merged);
    }
    return out;
  }

  /** One build error as an LSP diagnostic: the go column (1-based UTF-8) mapped to UTF-16. */
  public static JsonObject toDiagnostic(BuildError error) {
    String lineText = line(error.file(), error.line());
    int start = PositionMapper.utf16Character(lineText, error.column());
    int end = tokenEnd(lineText, start);
    var range = new Range(new Position(error.line() - 1, start), new Position(error.line() - 1, end));
    return LspValues.toJson(new Diagnostic(range, error.message(), DiagnosticSeverity.Error, SOURCE)).getAsJsonObject();
  }

  private static int tokenEnd(String line, int start) {
    if (line.startsWith("//go:", start)) {
      int space = line.indexOf(' ', start);
      return space < 0 ? line.length() : space; // a directive: //go:linkname, where a link error is placed
    }
    int i = start;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
      i++;
    }
    return i == start ? Math.min(start + 1, Math.max(line.length(), start)) : i;
  }


  private static String line(Path file, int line) {
    try {
      List<String> lines = Files.readString(file).lines().toList();
      return line - 1 < lines.size() ? lines.get(line - 1) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
