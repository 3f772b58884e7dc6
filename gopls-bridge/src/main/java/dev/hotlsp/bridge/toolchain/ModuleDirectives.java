package dev.hotlsp.bridge.toolchain;

import java.util.ArrayList;
import java.util.List;

/**
 * The directory paths a go.mod or go.work names, as written: its {@code use} directories and the
 * directory targets of its {@code replace} directives ({@code => ./x}, {@code => ../x}, {@code =>
 * /x}; a module target with a version is not a directory). A reader of go's line grammar only
 * (comments, blocks, quoted and raw strings), not a validator. Pure.
 */
public record ModuleDirectives(List<String> uses, List<String> replaceDirs) {
  public ModuleDirectives {
    uses = List.copyOf(uses);
    replaceDirs = List.copyOf(replaceDirs);
  }

  /** Reads {@code text}, a go.mod or go.work file. */
  public static ModuleDirectives parse(String text) {
    var uses = new ArrayList<String>();
    var replaces = new ArrayList<String>();
    String block = null;
    for (var raw : text.split("\r?\n")) {
      var tokens = tokens(raw);
      if (tokens.isEmpty()) {
        continue;
      }
      String verb;
      List<String> rest;
      if (block != null) {
        if (tokens.getFirst().equals(")")) {
          block = null;
          continue;
        }
        verb = block;
        rest = tokens;
      } else if (tokens.size() == 2 && tokens.get(1).equals("(")) {
        block = tokens.getFirst();
        continue;
      } else {
        verb = tokens.getFirst();
        rest = tokens.subList(1, tokens.size());
      }
      if (verb.equals("use") && !rest.isEmpty()) {
        uses.add(rest.getFirst());
      } else if (verb.equals("replace")) {
        int arrow = rest.indexOf("=>");
        if (arrow >= 0 && arrow + 2 == rest.size() && isDirectory(rest.get(arrow + 1))) {
          replaces.add(rest.get(arrow + 1));
        }
      }
    }
    return new ModuleDirectives(uses, replaces);
  }

  /** go's rule (modfile.IsDirectoryPath, Unix): a replacement is a directory when it is a file path. */
  static boolean isDirectory(String path) {
    return path.equals(".") || path.equals("..") || path.startsWith("./") || path.startsWith("../")
        || path.startsWith("/");
  }

  /** The line's tokens: white space separated, quoted ("…", `…`) strings unquoted, {@code //} comments dropped. */
  static List<String> tokens(String line) {
    var out = new ArrayList<String>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (line.startsWith("//", i)) {
        break;
      } else if (c == '"' || c == '`') {
        var token = new StringBuilder();
        int j = i + 1;
        while (j < n && line.charAt(j) != c) {
          if (c == '"' && line.charAt(j) == '\\' && j + 1 < n) {
            j++;
          }
          token.append(line.charAt(j++));
        }
        out.add(token.toString());
        i = j + 1;
      } else {
        int j = i;
        while (j < n && !Character.isWhitespace(line.charAt(j)) && !line.startsWith("//", j)) {
          j++;
        }
        out.add(line.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
