package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.toolchain.PositionMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnostics union of a headless run as {@link CheckFinding}s: LSP's 0-based UTF-16 positions
 * become 1-based columns, and the go column is computed from the file's bytes as Go decodes them.
 * A diagnostic whose source is {@code go build} is the build's; every other one is gopls's, with
 * a type error's LSP code or an analyzer's name as the code.
 */
final class DiagnosticFindings {
  private DiagnosticFindings() {}

  static List<CheckFinding> of(Map<String, JsonArray> byUri) {
    var all = new ArrayList<CheckFinding>();
    var files = new HashMap<Path, List<byte[]>>();
    byUri.forEach((uri, diagnostics) -> {
      Path file = Path.of(URI.create(uri));
      for (JsonElement e : diagnostics) {
        var d = e.getAsJsonObject();
        var range = d.getAsJsonObject("range");
        var start = range.getAsJsonObject("start");
        var end = range.getAsJsonObject("end");
        int line = start.get("line").getAsInt();
        int character = start.get("character").getAsInt();
        int endLine = Math.max(line, end.get("line").getAsInt());
        int endCharacter = endLine == line ? Math.max(character, end.get("character").getAsInt()) : end.get("character").getAsInt();
        var text = files.computeIfAbsent(file, DiagnosticFindings::readLines);
        byte[] lineText = line < text.size() ? text.get(line) : new byte[0];
        String lspSource = d.has("source") && d.get("source").isJsonPrimitive() ? d.get("source").getAsString() : "";
        boolean build = lspSource.equals("go build");
        String code = build ? "build" : code(d, lspSource);
        int severity = d.has("severity") ? d.get("severity").getAsInt() : 1;
        all.add(new CheckFinding(file, line + 1, character + 1, endLine + 1, endCharacter + 1,
            PositionMapper.utf8Column(lineText, character), Severity.ofLsp(severity), build ? "go build" : "gopls",
            code, d.get("message").getAsString(), related(d), List.of()));
      }
    });
    return all;
  }

  /** A type error's code ({@code IncompatibleAssign}); for an analyzer, its name ({@code printf}), not its {@code default} code. */
  private static String code(JsonObject d, String lspSource) {
    boolean compiler = lspSource.isEmpty() || lspSource.equals("compiler");
    if (compiler && d.has("code") && d.get("code").isJsonPrimitive()) {
      return d.get("code").getAsString();
    }
    return compiler ? "compiler" : lspSource;
  }

  private static List<Finding.Related> related(JsonObject d) {
    if (!d.has("relatedInformation") || !d.get("relatedInformation").isJsonArray()) {
      return List.of();
    }
    var out = new ArrayList<Finding.Related>();
    for (var e : d.getAsJsonArray("relatedInformation")) {
      try {
        var r = e.getAsJsonObject();
        var location = r.getAsJsonObject("location");
        var start = location.getAsJsonObject("range").getAsJsonObject("start");
        out.add(new Finding.Related(Path.of(URI.create(location.get("uri").getAsString())),
            start.get("line").getAsInt() + 1, start.get("character").getAsInt() + 1, r.get("message").getAsString()));
      } catch (RuntimeException ignored) {
        // a related location HotLSP cannot place is left out; the finding stands
      }
    }
    return out;
  }

  /** The file's lines as raw bytes: a Go file need not be valid UTF-8, and gopls counted what it read. */
  static List<byte[]> readLines(Path file) {
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
