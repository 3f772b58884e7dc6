package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.toolchain.BuildScope;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.hotlsp.bridge.graph.SourceAnchors;

/**
 * Turns the stderr of a failed {@code go build} into {@link BuildError}s: {@code file:line:col:
 * msg} and {@code file:line: msg} lines, with tab-indented continuation lines appended; {@code #
 * pkg} headers, {@code too many errors} and {@code go: downloading} progress are dropped; every
 * other line (module errors such as {@code go: ...}) becomes an error on the go.mod. A link failure
 * has no position either: the lines of a {@code # importpath} section without one (the linker's,
 * and an external linker's {@code undefined reference} in go's temporary files) are placed on
 * that package when its directory is known, one error per missing symbol — on the {@code
 * //go:linkname} or {@code import "C"} line naming the symbol, else on {@code func main} ({@link
 * SourceAnchors}). Relative paths are resolved against the directory go ran in. A C compiler's
 * source excerpts ({@code "    1 | text"}) continue their error and its include chains ({@code In
 * file included from …}) are dropped. An error in a file outside the {@link BuildScope} is not
 * returned: it is logged, and one error on the go.mod names its file. Stateless.
 */
public final class BuildErrorParser {
  private static final Pattern POSITIONED =
      Pattern.compile(
          "^(?<file>[^\\s:][^:]*):(?<line>\\d+)(?::(?<col>\\d+))?: (?<msg>.*)$");

  /** A C compiler's source excerpt under an error: {@code "    1 | text"}, {@code "      | ^~~"}. */
  private static final Pattern EXCERPT = Pattern.compile("^ +\\d* \\|.*$");
  private static final System.Logger LOG = System.getLogger(BuildErrorParser.class.getName());

  /** A symbol the linker did not find: go's own linker, or an external one ({@code ld}). */
  private static final Pattern MISSING_SYMBOL =
      Pattern.compile(
          "relocation target (?<go>\\S+) not defined|undefined reference to [`'\u2018](?<c>[^`'\u2019]+)['\u2019]");

  private BuildErrorParser() {}

  /** {@link #parse(String, Path, Path, BuildScope)} showing every file. */
  public static List<BuildError> parse(String stderr, Path workingDir, Path goMod) {
    return parse(stderr, workingDir, goMod, BuildScope.everywhere());
  }

  /**
   * @param workingDir where go ran: relative paths in its output are relative to it
   * @param goMod where errors without a position go
   * @param scope the files errors may be shown on
   */
  public static List<BuildError> parse(String stderr, Path workingDir, Path goMod, BuildScope scope) {
    return parse(stderr, workingDir, goMod, importPath -> Optional.empty(), scope);
  }

  /** {@link #parse(String, Path, Path, Function, BuildScope)} showing every file. */
  public static List<BuildError> parse(
      String stderr, Path workingDir, Path goMod, Function<String, Optional<Path>> packageDirs) {
    return parse(stderr, workingDir, goMod, packageDirs, BuildScope.everywhere());
  }

  /**
   * @param packageDirs the directory of a package by import path, where one is known: a link
   *     failure under its {@code # importpath} header is placed in that package
   */
  public static List<BuildError> parse(String stderr, Path workingDir, Path goMod,
      Function<String, Optional<Path>> packageDirs, BuildScope scope) {
    var out = new ArrayList<BuildError>();
    var hidden = new java.util.LinkedHashSet<Path>();
    for (var error : all(stderr, workingDir, goMod, packageDirs)) {
      if (scope.shows(error.file())) {
        out.add(error);
      } else {
        hidden.add(error.file());
        LOG.log(System.Logger.Level.WARNING, "go reported a problem outside the workspace and the module cache, not shown: "
            + error.file() + ":" + error.line() + ":" + error.column()
            + (scope.sandboxed() ? ": " + error.message() : " (its text is withheld: go ran without the build sandbox)"));
      }
    }
    for (var file : hidden) {
      out.add(new BuildError(goMod, 1, 1, "the build failed in " + file
          + ", outside the workspace and the module cache (details in HotLSP's log)"));
    }
    return List.copyOf(out);
  }

  private static List<BuildError> all(String stderr, Path workingDir, Path goMod,
      Function<String, Optional<Path>> packageDirs) {
    var errors = new ArrayList<Draft>();
    var links = new ArrayList<Draft>();
    Optional<Path> packageDir = Optional.empty();
    for (var line : stderr.split("\r?\n")) {
      if (line.startsWith("# ")) {
        place(links, packageDir, goMod);
        var importPath = line.substring(2).strip().split("\\s+", 2)[0];
        packageDir = importPath.isEmpty() ? Optional.empty() : packageDirs.apply(importPath);
        continue;
      }
      if (line.isBlank() || skipped(line)) {
        continue;
      }
      if ((line.startsWith("\t") || EXCERPT.matcher(line).matches()) && !errors.isEmpty()) {
        errors.getLast().text.append('\n').append(line.substring(1));
        continue;
      }
      var m = POSITIONED.matcher(line);
      var file = m.matches() ? resolve(workingDir, m.group("file")) : null;
      if (file != null && !(packageDir.isPresent() && linkerTemporary(file, m.group("msg")))) {
        int col = m.group("col") == null ? 1 : Math.max(1, Integer.parseInt(m.group("col")));
        errors.add(
            new Draft(file, Math.max(1, Integer.parseInt(m.group("line"))), col, m.group("msg")));
      } else {
        var draft = new Draft(goMod, 1, 1, line.strip());
        errors.add(draft);
        if (packageDir.isPresent()) {
          links.add(draft);
        }
      }
    }
    place(links, packageDir, goMod);
    return errors.stream().filter(d -> !d.text.toString().isBlank()).map(Draft::toError).toList();
  }

  /** An external linker's error in a file of go's own temporary build directory, not the user's. */
  private static boolean linkerTemporary(Path file, String message) {
    return MISSING_SYMBOL.matcher(message).find() && !java.nio.file.Files.exists(file);
  }

  /**
   * Places one section's position-less lines in its package: each line naming a missing symbol
   * starts an error at the line naming that symbol (else {@code func main}); the other lines join
   * the error after them (before the first symbol) or before them. Clears {@code links}.
   */
  private static void place(List<Draft> links, Optional<Path> packageDir, Path goMod) {
    if (links.isEmpty() || packageDir.isEmpty()) {
      links.clear();
      return;
    }
    var files = SourceAnchors.goFiles(packageDir.get());
    var main = SourceAnchors.funcMain(files);
    Draft head = null;
    var before = new StringBuilder();
    for (var draft : links) {
      Matcher m = MISSING_SYMBOL.matcher(draft.text);
      if (m.find()) {
        var symbol = m.group("go") != null ? m.group("go") : m.group("c");
        var at = SourceAnchors.linkSymbol(files, symbol).or(() -> main);
        if (at.isPresent()) {
          draft.moveTo(at.get().file(), at.get().line(), at.get().column());
        }
        if (before.length() > 0) {
          draft.text.insert(0, before.append('\n'));
          before.setLength(0);
        }
        head = draft;
      } else if (head != null) {
        head.text.append('\n').append(draft.text);
        draft.text.setLength(0);
      } else {
        before.append(before.length() > 0 ? "\n" : "").append(draft.text);
        draft.text.setLength(0);
      }
    }
    if (head == null) {
      var first = links.getFirst();
      first.text.append(before);
      main.ifPresent(a -> first.moveTo(a.file(), a.line(), a.column()));
    }
    links.clear();
  }

  private static boolean skipped(String line) {
    return line.equals("too many errors")
        || line.startsWith("In file included from ")
        || line.matches("^ +from .*[:,]$")
        || line.startsWith("go: downloading ")
        || line.startsWith("go: finding ")
        || line.startsWith("go: extracting ");
  }

  private static Path resolve(Path workingDir, String file) {
    try {
      return workingDir.resolve(file).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static final class Draft {
    Path file;
    int line;
    int column;
    final StringBuilder text;

    Draft(Path file, int line, int column, String text) {
      this.file = file;
      this.line = line;
      this.column = column;
      this.text = new StringBuilder(text);
    }

    void moveTo(Path file, int line, int column) {
      this.file = file;
      this.line = line;
      this.column = column;
    }

    BuildError toError() {
      return new BuildError(file, line, column, text.toString().strip());
    }
  }
}
