package dev.hotlsp.proxy.diagnostics;

import java.nio.charset.StandardCharsets;

/**
 * The one place that converts between the two column systems HotLSP meets: Go tools print
 * 1-based columns counted in UTF-8 bytes; LSP positions are 0-based and count UTF-16 code units.
 * Pure; columns past the end of the line clamp to it.
 */
public final class PositionMapper {
  private PositionMapper() {}

  /** The 0-based UTF-16 character of the 1-based UTF-8 byte column {@code byteColumn} in {@code line}. */
  public static int utf16Character(String line, int byteColumn) {
    int bytes = 0;
    int i = 0;
    while (i < line.length() && bytes < byteColumn - 1) {
      int cp = line.codePointAt(i);
      bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      i += Character.charCount(cp);
    }
    return i;
  }

  /** The 1-based UTF-8 byte column of the 0-based UTF-16 {@code character} in {@code line}. */
  public static int utf8Column(String line, int character) {
    int end = Math.min(Math.max(character, 0), line.length());
    if (end > 0 && end < line.length() && Character.isLowSurrogate(line.charAt(end))) {
      end--; // inside a surrogate pair: point at the character it belongs to
    }
    return line.substring(0, end).getBytes(StandardCharsets.UTF_8).length + 1;
  }
}
