package dev.hotlsp.bridge.toolchain;

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

  /**
   * The 1-based byte column of the 0-based UTF-16 {@code character} in the raw bytes of a line
   * that need not be valid UTF-8. Decodes as Go does (and so gopls, which computed
   * {@code character}): each byte that does not start a valid UTF-8 sequence counts as one
   * U+FFFD, one UTF-16 unit wide.
   */
  public static int utf8Column(byte[] line, int character) {
    int units = 0;
    int i = 0;
    while (i < line.length && units < character) {
      int size = runeSize(line, i);
      int width = size == 4 ? 2 : 1;
      if (units + width > character) {
        break; // inside a surrogate pair: point at the character it belongs to
      }
      units += width;
      i += size;
    }
    return i + 1;
  }

  /** The length of the UTF-8 sequence at {@code i}, or 1 when it is not valid UTF-8 (Go's utf8.DecodeRune). */
  private static int runeSize(byte[] b, int i) {
    int b0 = b[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    int size;
    int lo = 0x80;
    int hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      size = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      size = 3;
      lo = b0 == 0xe0 ? 0xa0 : lo;
      hi = b0 == 0xed ? 0x9f : hi;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      size = 4;
      lo = b0 == 0xf0 ? 0x90 : lo;
      hi = b0 == 0xf4 ? 0x8f : hi;
    } else {
      return 1;
    }
    if (i + size > b.length) {
      return 1;
    }
    int b1 = b[i + 1] & 0xff;
    if (b1 < lo || b1 > hi) {
      return 1;
    }
    for (int k = 2; k < size; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return 1;
      }
    }
    return size;
  }
}
