package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.server.ProxyCore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a check: its findings in the chosen format ({@code text}, {@code json}, {@code
 * sarif}, {@code github}) to standard output or {@code --output}, and the summary line.
 */
final class CheckReport {
  private CheckReport() {}

  /** {@code findings} (sorted) in {@code format}, paths relative to {@code base}. */
  static String format(String format, List<CheckFinding> findings, Path base) {
    return format(format, findings, base, null);
  }

  /** The same, the JSON with {@code tests} (the summary of {@code --tests}) when not null. */
  static String format(String format, List<CheckFinding> findings, Path base, com.google.gson.JsonObject tests) {
    return switch (format) {
      case "json" -> FindingsReport.checkJson(findings, base, tests);
      case "sarif" -> SarifReport.sarif(findings, base, ProxyCore.VERSION, CheckReport::lineText);
      case "github" -> GithubAnnotations.annotations(findings, base);
      default -> FindingsReport.checkText(findings, base);
    };
  }

  /** Writes {@code report} to {@code --output}, else to {@code out}. */
  static void write(CheckOptions check, String report, PrintStream out) throws CheckFailedException {
    if (check.output().isEmpty()) {
      out.print(report);
      out.flush();
      return;
    }
    var file = check.output().get();
    try {
      Files.writeString(file, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckFailedException("cannot write the report to " + file + ": " + GoFiles.reason(e));
    }
  }

  /** {@code 3 errors, 1 warning in 2 files}; infos and hints only when there are some. */
  static String summary(List<CheckFinding> findings) {
    var counts = new int[Severity.values().length];
    findings.forEach(f -> counts[f.severity().ordinal()]++);
    var parts = new ArrayList<String>();
    parts.add(count(counts[0], "error"));
    parts.add(count(counts[1], "warning"));
    if (counts[2] > 0) {
      parts.add(count(counts[2], "info"));
    }
    if (counts[3] > 0) {
      parts.add(count(counts[3], "hint"));
    }
    long files = findings.stream().map(CheckFinding::file).distinct().count();
    return String.join(", ", parts) + " in " + count((int) files, "file");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 || noun.equals("info") ? "" : "s");
  }

  private static String lineText(CheckFinding f) {
    var lines = DiagnosticFindings.readLines(f.file());
    return f.line() - 1 < lines.size() ? new String(lines.get(f.line() - 1), StandardCharsets.UTF_8) : "";
  }
}
