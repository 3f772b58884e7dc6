package dev.hotlsp.proxy.log;

/**
 * Text HotLSP writes for a terminal or a CI log with its control characters made visible, so what
 * it quotes (a panic message, a file name, go's output) cannot move the cursor, clear the screen,
 * set the title or the clipboard, or start a line of its own. Pure.
 *
 * <p>The rule: every C0 control but tab (U+0000–U+001F), DEL (U+007F) and every C1 control
 * (U+0080–U+009F) is written as an escape — {@code \r}, {@code \n}, {@code \x1b}, {@code \x7f},
 * {@code \u009b}; everything else, tab and backslash included, stays as it is. The newline that ends
 * a line HotLSP itself writes is not part of the escaped text. A program's own output, passed through
 * by {@code hotlsp run}, is never escaped.
 */
public final class TerminalText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TerminalText() {}

  /** {@code text} with every control character but tab escaped, newlines included. */
  public static String escape(String text) {
    return escape(text, false);
  }

  /**
   * {@code text} escaped as {@link #escape}, except that CR and LF stay: for a format that encodes
   * line breaks itself (a GitHub workflow command's {@code %0D} and {@code %0A}).
   */
  public static String escapeKeepingLineBreaks(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLineBreaks) {
    int first = firstToEscape(text, keepLineBreaks);
    if (first < 0) {
      return text;
    }
    var sb = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(c, keepLineBreaks)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x80) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  private static int firstToEscape(String text, boolean keepLineBreaks) {
    for (int i = 0; i < text.length(); i++) {
      if (escaped(text.charAt(i), keepLineBreaks)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean escaped(char c, boolean keepLineBreaks) {
    if (c < 0x20) {
      return c != '\t' && !(keepLineBreaks && (c == '\n' || c == '\r'));
    }
    return c >= 0x7f && c <= 0x9f;
  }
}
