package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.log.TerminalText;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code check}'s findings as GitHub Actions workflow commands, one per line:
 * {@code ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message} ({@code warning} for
 * warnings, {@code notice} for info and hints), escaped as the runner reads them, their other control
 * characters made visible ({@link TerminalText}: the log is shown in a terminal emulator). Pure.
 */
final class GithubAnnotations {
  private GithubAnnotations() {}

  static String annotations(List<CheckFinding> findings, Path base) {
    var sb = new StringBuilder();
    for (var f : findings) {
      sb.append("::").append(command(f.severity()))
          .append(" file=").append(property(FindingsReport.rel(base, f.file())))
          .append(",line=").append(f.line()).append(",col=").append(f.column())
          .append(",endLine=").append(f.endLine()).append(",endColumn=").append(f.endColumn())
          .append(",title=").append(property(f.source() + " (" + f.code() + ")"))
          .append("::").append(data(message(f, base))).append('\n');
    }
    return sb.toString();
  }

  private static String message(CheckFinding f, Path base) {
    var sb = new StringBuilder(f.message());
    for (var r : f.related()) {
      sb.append('\n').append(FindingsReport.rel(base, r.file())).append(':').append(r.line()).append(':')
          .append(r.column()).append(": ").append(r.message());
    }
    return sb.toString();
  }

  private static String command(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO, HINT -> "notice";
    };
  }

  /** A command's message: control characters but CR and LF made visible, then {@code %}, CR and LF escaped. */
  static String data(String text) {
    return TerminalText.escapeKeepingLineBreaks(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as {@link #data}, and {@code :} and {@code ,}, which end a value. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
