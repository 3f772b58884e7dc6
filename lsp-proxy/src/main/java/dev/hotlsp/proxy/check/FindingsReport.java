package dev.hotlsp.proxy.check;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.proxy.log.TerminalText;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints findings as text or as the JSON that {@code hotlsp crash} and {@code hotlsp check --format
 * json} share (docs/check-json.md): paths relative to a base directory with {@code /}, 1-based lines,
 * 1-based UTF-16 columns. The text, for a terminal or a CI log, has its control characters escaped
 * ({@link TerminalText}). Pure.
 */
public final class FindingsReport {
  private FindingsReport() {}

  /**
   * {@code path:line:col: error: message [code]} ({@code warning:} for a recovered panic or a hang),
   * then each related location indented by four spaces.
   */
  public static String text(List<Finding> findings, Path base) {
    var sb = new StringBuilder();
    for (var f : findings) {
      sb.append(relText(base, f.file())).append(':').append(f.line()).append(':').append(f.column())
          .append(f.warning() ? ": warning: " : ": error: ").append(oneLine(f.message())).append(" [")
          .append(oneLine(f.code())).append("]\n");
      for (var r : f.related()) {
        sb.append("    ").append(relText(base, r.file())).append(':').append(r.line()).append(':').append(r.column())
            .append(": ").append(oneLine(r.message())).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code {"findings": [...]}} in the schema of docs/check-json.md, one line. */
  public static String json(List<Finding> findings, Path base) {
    return checkJson(findings.stream().map(CheckFinding::ofCrash).toList(), base);
  }

  /** {@code check}'s findings in the same schema: their own severity, source and code. */
  static String checkJson(List<CheckFinding> findings, Path base) {
    return checkJson(findings, base, null);
  }

  /**
   * Test findings (placed by the bridge's test runner) in the same schema, with the {@code tests}
   * summary of {@link TestSummary}: {@code hotlsp test --format json}.
   */
  public static String testJson(List<Finding> findings, Path base, JsonObject tests) {
    // a dependency that does not compile fails every package importing it with the same errors: once each
    return checkJson(findings.stream().distinct().map(CheckFinding::ofTest).sorted(CheckFinding.ORDER).toList(), base,
        tests);
  }

  /** {@code {"findings": [...]}}, and {@code "tests": tests} when there is a summary. */
  static String checkJson(List<CheckFinding> findings, Path base, JsonObject tests) {
    var list = new JsonArray();
    for (var f : findings) {
      var o = new JsonObject();
      o.addProperty("file", rel(base, f.file()));
      o.addProperty("line", f.line());
      o.addProperty("column", f.column());
      o.addProperty("endLine", f.endLine());
      o.addProperty("endColumn", f.endColumn());
      o.addProperty("severity", f.severity().label());
      o.addProperty("source", f.source());
      o.addProperty("code", f.code());
      o.addProperty("message", f.message());
      var related = new JsonArray();
      for (var r : f.related()) {
        var j = new JsonObject();
        j.addProperty("file", rel(base, r.file()));
        j.addProperty("line", r.line());
        j.addProperty("column", r.column());
        j.addProperty("message", r.message());
        related.add(j);
      }
      o.add("related", related);
      list.add(o);
    }
    var top = new JsonObject();
    top.add("findings", list);
    if (tests != null) {
      top.add("tests", tests);
    }
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    return gson.toJson(top) + "\n";
  }

  /**
   * {@code check}'s text: {@code path:line:col: severity: message [source]} with go's UTF-8 byte
   * column, then each related location indented by four spaces.
   */
  static String checkText(List<CheckFinding> findings, Path base) {
    var sb = new StringBuilder();
    for (var f : findings) {
      sb.append(relText(base, f.file())).append(':').append(f.line()).append(':').append(f.goColumn())
          .append(": ").append(f.severity().label()).append(": ").append(oneLine(f.message()))
          .append(" [").append(oneLine(f.source())).append("]\n");
      for (var r : f.related()) {
        sb.append("    ").append(relText(base, r.file())).append(':').append(r.line()).append(':').append(r.column())
            .append(": ").append(oneLine(r.message())).append('\n');
      }
    }
    return sb.toString();
  }

  static String rel(Path base, Path file) {
    return base.relativize(file).toString().replace('\\', '/');
  }

  private static String relText(Path base, Path file) {
    return TerminalText.escape(rel(base, file));
  }

  private static String oneLine(String message) {
    return TerminalText.escape(message);
  }
}
