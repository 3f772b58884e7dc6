package dev.hotlsp.proxy.session;

/** A deliberately naive model of LSP text edits, the oracle for {@link TextBuffer}. */
final class ReferenceText {
  private ReferenceText() {}

  /** Applies an edit to {@code text} by walking it from the start to find both offsets. */
  static String apply(
      String text, int startLine, int startChar, int endLine, int endChar, String inserted) {
    int from = offset(text, startLine, startChar);
    int to = offset(text, endLine, endChar);
    return text.substring(0, from) + inserted + text.substring(to);
  }

  /** Java strings are UTF-16, so a character offset within a line is a plain string index. */
  static int offset(String text, int line, int character) {
    int i = 0;
    for (int seen = 0; seen < line; seen++) {
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i == text.length()) {
        return text.length();
      }
      i += text.startsWith("\r\n", i) ? 2 : 1;
    }
    int lineEnd = i;
    while (lineEnd < text.length()
        && text.charAt(lineEnd) != '\n'
        && text.charAt(lineEnd) != '\r') {
      lineEnd++;
    }
    return i + Math.min(character, lineEnd - i);
  }
}
