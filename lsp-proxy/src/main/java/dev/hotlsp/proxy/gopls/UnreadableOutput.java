package dev.hotlsp.proxy.gopls;

import java.util.Optional;

/**
 * gopls output that is not LSP framing, summarised: a run of unreadable bytes is reported once,
 * as its size and a short printable sample, when the run ends (a readable message follows, or the
 * stream ends) instead of once per line. Not thread-safe: used by one reader thread.
 */
final class UnreadableOutput {
  private static final int SAMPLE_CHARS = 60;

  private long bytes;
  private int problems;
  private String sample = "";

  /** A problem the frame reader reported, having skipped {@code skipped} bytes. */
  void skipped(long skipped, String description) {
    if (problems == 0) {
      sample = printable(description);
    }
    bytes += skipped;
    problems++;
  }

  /** The summary of the run so far, if there was one; starts a new run. */
  Optional<String> end() {
    if (problems == 0) {
      return Optional.empty();
    }
    var summary = "gopls wrote " + bytes + " byte" + (bytes == 1 ? "" : "s") + " that are not LSP messages ("
        + problems + " problem" + (problems == 1 ? "" : "s") + ", skipped); the first: " + sample;
    bytes = 0;
    problems = 0;
    sample = "";
    return Optional.of(summary);
  }

  /** Printable ASCII only (anything else as {@code ?}), at most {@value #SAMPLE_CHARS} characters. */
  static String printable(String text) {
    var out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < SAMPLE_CHARS; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > SAMPLE_CHARS ? out + "…" : out.toString();
  }
}
