package dev.hotlsp.bridge.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The package clause and import declarations at the top of a Go source file, read by a small
 * scanner that knows comments and string literals; it stops at the first declaration that is not an
 * import. Empty when the header does not parse (then the graph must be refreshed).
 */
public record ImportBlock(String packageName, List<String> imports) {
  public ImportBlock {
    imports = List.copyOf(imports);
  }

  /** Parses the header of {@code source}. */
  public static Optional<ImportBlock> parse(String source) {
    var s = new Scanner(source);
    if (!"package".equals(s.word())) {
      return Optional.empty();
    }
    var name = s.word();
    if (name == null) {
      return Optional.empty();
    }
    var imports = new ArrayList<String>();
    s.skip(';');
    while ("import".equals(s.peekWord())) {
      s.word();
      if (s.skip('(')) {
        while (!s.skip(')')) {
          if (!spec(s, imports)) {
            return Optional.empty();
          }
          s.skip(';');
        }
      } else if (!spec(s, imports)) {
        return Optional.empty();
      }
      s.skip(';');
    }
    return Optional.of(new ImportBlock(name, imports));
  }

  private static boolean spec(Scanner s, List<String> imports) {
    if (!s.skip('.') && !s.skip('_')) {
      s.identifier();
    }
    var path = s.string();
    if (path == null) {
      return false;
    }
    imports.add(path);
    return true;
  }

  private static final class Scanner {
    private final String src;
    private int pos;

    Scanner(String src) {
      this.src = src;
    }

    void space() {
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (src.startsWith("//", pos)) {
          int end = src.indexOf('\n', pos);
          pos = end < 0 ? src.length() : end + 1;
        } else if (src.startsWith("/*", pos)) {
          int end = src.indexOf("*/", pos + 2);
          pos = end < 0 ? src.length() : end + 2;
        } else {
          return;
        }
      }
    }

    boolean skip(char c) {
      space();
      if (pos < src.length() && src.charAt(pos) == c && (c != '_' || !identPart(pos + 1))) {
        pos++;
        return true;
      }
      return false;
    }

    String peekWord() {
      int at = pos;
      var w = word();
      pos = at;
      return w;
    }

    String word() {
      space();
      return identifier();
    }

    String identifier() {
      space();
      int start = pos;
      while (identPart(pos)) {
        pos++;
      }
      return pos > start ? src.substring(start, pos) : null;
    }

    private boolean identPart(int at) {
      return at < src.length()
          && (Character.isLetterOrDigit(src.charAt(at)) || src.charAt(at) == '_');
    }

    String string() {
      space();
      if (pos >= src.length()) {
        return null;
      }
      char quote = src.charAt(pos);
      if (quote != '"' && quote != '`') {
        return null;
      }
      int end = src.indexOf(quote, pos + 1);
      if (end < 0) {
        return null;
      }
      var value = src.substring(pos + 1, end);
      pos = end + 1;
      return value;
    }
  }
}
