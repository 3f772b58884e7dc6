package dev.hotlsp.proxy.session;

/**
 * The text of one open document, editable by LSP content changes in UTF-16 positions (Java {@code
 * char} offsets). Out-of-range positions clamp: a character past the end of its line to the line
 * end (before the line break), a line past the last line to the end of the text. Not thread-safe.
 */
final class TextBuffer {
  private final StringBuilder text;
  private final LineIndex lines;

  TextBuffer(String initial) {
    this.text = new StringBuilder(initial);
    this.lines = LineIndex.of(text);
  }

  void apply(ContentChange change) {
    switch (change) {
      case ContentChange.Full full -> replace(0, text.length(), full.text());
      case ContentChange.Incremental edit ->
          replace(offset(edit.start()), offset(edit.end()), edit.text());
    }
  }

  /** The {@code char} offset a position denotes, after clamping. */
  int offset(Position position) {
    if (position.line() >= lines.lineCount()) {
      return text.length();
    }
    int start = lines.start(position.line());
    int contentEnd = contentEnd(position.line(), start);
    return start + Math.min(position.character(), contentEnd - start);
  }

  String text() {
    return text.toString();
  }

  private int contentEnd(int line, int start) {
    if (line + 1 >= lines.lineCount()) {
      return text.length();
    }
    int next = lines.start(line + 1);
    boolean crlf =
        next - 2 >= start && text.charAt(next - 2) == '\r' && text.charAt(next - 1) == '\n';
    return next - (crlf ? 2 : 1);
  }

  private void replace(int from, int to, String inserted) {
    text.replace(from, to, inserted);
    lines.splice(text, from, to, inserted.length());
  }
}
