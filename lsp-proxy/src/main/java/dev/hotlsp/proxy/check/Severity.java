package dev.hotlsp.proxy.check;

import java.util.Locale;
import java.util.Optional;

/** How serious a finding is, in LSP's order: error, warning, info, hint ({@code --fail-on}). */
public enum Severity {
  ERROR,
  WARNING,
  INFO,
  HINT;

  /** The name in reports and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this is at least as serious as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** LSP's DiagnosticSeverity (1–4); anything else counts as an error, as LSP says for a missing one. */
  static Severity ofLsp(int severity) {
    return severity >= 1 && severity <= 4 ? values()[severity - 1] : ERROR;
  }

  public static Optional<Severity> parse(String label) {
    for (var s : values()) {
      if (s.label().equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
