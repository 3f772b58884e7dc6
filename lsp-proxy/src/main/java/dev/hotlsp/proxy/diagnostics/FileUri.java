package dev.hotlsp.proxy.diagnostics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code file:} URI of a path spelled exactly as gopls spells it (Go's {@code net/url} path
 * escaping: every byte of the UTF-8 path except letters, digits and {@code -_.~$&+,/:;=@} becomes
 * {@code %XX}). Java's {@link Path#toUri} leaves {@code ()!'*} unescaped, so a diagnostics source
 * keyed by it would miss gopls's entry for the same file. Pure.
 */
public final class FileUri {
  private static final String KEPT = "-_.~$&+,/:;=@";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FileUri() {}

  public static String of(Path path) {
    var bytes = path.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
    var out = new StringBuilder("file://");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || KEPT.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
