package dev.hotlsp.proxy.crash;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.wire.LspValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A crash {@link Finding} as the LSP diagnostic the editor shows: severity Error (Warning for a
 * recovered panic or a hang: the program still runs), source
 * {@value #SOURCE}, the finding's code and message, and a related location for each further frame
 * of the chain and the {@code created by} site. The one place where a finding's 1-based lines and
 * 1-based UTF-16 columns become LSP's 0-based positions (both count UTF-16, so only 1 is
 * subtracted). Pure.
 */
public final class FindingDiagnostic {
  /** The diagnostics source of crash findings, in the union and in each diagnostic. */
  public static final String SOURCE = "hotlsp";

  private FindingDiagnostic() {}

  /** {@code finding} as an LSP4J diagnostic. */
  public static Diagnostic of(Finding finding) {
    var range = new Range(position(finding.line(), finding.column()), position(finding.endLine(), finding.endColumn()));
    var severity = finding.warning() ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    var diagnostic = new Diagnostic(range, finding.message(), severity, SOURCE, finding.code());
    if (!finding.related().isEmpty()) {
      var related = new ArrayList<DiagnosticRelatedInformation>();
      for (var r : finding.related()) {
        var at = position(r.line(), r.column());
        related.add(new DiagnosticRelatedInformation(new Location(FileUri.of(r.file()), new Range(at, at)), r.message()));
      }
      diagnostic.setRelatedInformation(related);
    }
    return diagnostic;
  }

  /** {@code findings} as JSON diagnostics, grouped by the URI of their file (in order). */
  public static Map<String, List<JsonObject>> byUri(List<Finding> findings) {
    var out = new LinkedHashMap<String, List<JsonObject>>();
    for (var f : findings) {
      out.computeIfAbsent(FileUri.of(f.file()), u -> new ArrayList<>())
          .add(LspValues.toJson(of(f)).getAsJsonObject());
    }
    return out;
  }

  /** The LSP position of a 1-based line and 1-based UTF-16 column. */
  static Position position(int line, int column) {
    return new Position(line - 1, column - 1);
  }
}
