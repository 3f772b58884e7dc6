package dev.hotlsp.proxy.check;

import com.google.gson.GsonBuilder;
import dev.hotlsp.bridge.crash.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code check}'s findings as SARIF 2.1.0 for GitHub code scanning: one rule per source and code
 * (with a full description and help), UTF-16 columns, 1-based lines and columns relative to
 * {@code %SRCROOT%} (the checked directory), a partial fingerprint per result that survives moved
 * lines, related locations, and a crash's call chain as a code flow. Pure apart from reading the
 * lines of the findings' files, through {@code lineText}.
 */
final class SarifReport {
  static final String BASE = "%SRCROOT%";
  static final String FINGERPRINT = "hotlsp/v1";

  private SarifReport() {}

  static String sarif(List<CheckFinding> findings, Path base, String version, Function<CheckFinding, String> lineText) {
    var rules = new LinkedHashMap<String, SarifLog.Rule>();
    for (var f : findings) {
      rules.computeIfAbsent(ruleId(f), id -> rule(id, f));
    }
    var ids = new ArrayList<>(rules.keySet());
    var results = new ArrayList<SarifLog.Result>();
    var seen = new HashMap<String, Integer>();
    for (var f : findings) {
      String id = ruleId(f);
      String key = hash(id + "\0" + FindingsReport.rel(base, f.file()) + "\0" + lineText.apply(f).strip() + "\0" + f.message());
      int occurrence = seen.merge(key, 1, Integer::sum);
      var related = new ArrayList<SarifLog.Location>();
      for (int i = 0; i < f.related().size(); i++) {
        var r = f.related().get(i);
        related.add(new SarifLog.Location(i + 1, physical(base, r.file(), r.line(), r.column(), null, null),
            new SarifLog.Text(r.message())));
      }
      List<SarifLog.CodeFlow> flows = null;
      if (!f.flow().isEmpty()) {
        var steps = new ArrayList<SarifLog.ThreadFlowLocation>();
        for (int i = 0; i < f.flow().size(); i++) {
          Finding.Related step = f.flow().get(i);
          steps.add(new SarifLog.ThreadFlowLocation(new SarifLog.Location(null,
              physical(base, step.file(), step.line(), step.column(), null, null), new SarifLog.Text(step.message())), i));
        }
        flows = List.of(new SarifLog.CodeFlow(new SarifLog.Text("call chain"), List.of(new SarifLog.ThreadFlow(steps))));
      }
      results.add(new SarifLog.Result(id, ids.indexOf(id), level(f.severity()), new SarifLog.Text(f.message()),
          List.of(new SarifLog.Location(null, physical(base, f.file(), f.line(), f.column(), f.endLine(), f.endColumn()), null)),
          Map.of(FINGERPRINT, key + ":" + occurrence), related.isEmpty() ? null : related, flows));
    }
    var driver = new SarifLog.Driver("hotlsp", version, version, null, List.copyOf(rules.values()));
    var run = new SarifLog.Run(new SarifLog.Tool(driver), "utf16CodeUnits", null, results);
    var log = new SarifLog.Log(SarifLog.SCHEMA, "2.1.0", List.of(run));
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(log) + "\n";
  }

  /** {@code gopls/compiler}, {@code go-build/build}, {@code hotlsp/panic}: the source and the code. */
  static String ruleId(CheckFinding f) {
    return f.source().replace(' ', '-') + "/" + f.code();
  }

  private static SarifLog.Rule rule(String id, CheckFinding f) {
    String shortText;
    String full;
    switch (f.source()) {
      case "gopls" -> {
        shortText = "gopls: " + f.code();
        full = "Reported by gopls, the Go language server (" + (f.code().equals("compiler") ? "type checking"
            : "check " + f.code()) + ").";
      }
      case "go build" -> {
        shortText = "go build error";
        full = "Reported by go build of the workspace's main packages and not by gopls: link errors, cgo, files"
            + " gopls does not load.";
      }
      case CheckFinding.TEST_SOURCE -> {
        shortText = "go test: " + f.code();
        full = "A test of hotlsp check --tests or hotlsp test " + switch (f.code()) {
          case "test-panic" -> "panicked; the finding is on the top-most frame of the workspace's own code.";
          case "test-timeout" -> "was running when go test's -timeout fired; the finding is where it was waiting.";
          case "build" -> "did not compile; the finding is the compiler's error.";
          default -> "failed; the finding is on the line of its t.Error or t.Fatal call (its caller's for a t.Helper).";
        };
      }
      default -> {
        shortText = "run: " + f.code();
        full = "A program run by hotlsp check --run ended with " + f.code() + "; the finding is placed on the"
            + " top-most frame of the workspace's own code.";
      }
    }
    String help = full + " Fix the code at the reported location; the message says what is wrong.";
    String markdown = "**" + shortText + "**\n\n" + help;
    return new SarifLog.Rule(id, id.replaceAll("[^A-Za-z0-9]+", "-"), new SarifLog.Text(shortText), new SarifLog.Text(full),
        new SarifLog.Markdown(help, markdown), null, new SarifLog.Configuration(level(f.severity())));
  }

  private static SarifLog.PhysicalLocation physical(Path base, Path file, int line, int column, Integer endLine, Integer endColumn) {
    return new SarifLog.PhysicalLocation(new SarifLog.ArtifactLocation(FindingsReport.rel(base, file), BASE),
        new SarifLog.Region(line, column, endLine, endColumn));
  }

  /** SARIF's levels: error, warning, note (GitHub has no fourth). */
  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO, HINT -> "note";
    };
  }

  private static String hash(String text) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
