package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.toolchain.BuildScope;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the stderr of a failed {@code go build} into {@link BuildError}s: {@code file:line:col:
 * msg} and {@code file:line: msg} lines, with tab-indented continuation lines appended; {@code #
 * pkg} headers, {@code too many errors} and {@code go: downloading} progress are dropped; every
 * other line (module errors such as {@code go: ...}, linker failures) becomes an error on the
 * go.mod. Relative paths are resolved against the directory go ran in. A C compiler's source
 * excerpts ({@code "    1 | text"}) continue their error and its include chains ({@code In file
 * included from …}) are dropped. An error in a file outside the {@link BuildScope} is not returned:
 * it is logged, and one error on the go.mod names its file. Stateless.
 */
public final class BuildErrorParser {
  private static final Pattern POSITIONED =
      Pattern.compile(
          "^(?<file>[^\\s:][^:]*):(?<line>\\d+)(?::(?<col>\\d+))?: (?<msg>.*)$");

  /** A C compiler's source excerpt under an error: {@code "    1 | text"}, {@code "      | ^~~"}. */
  private static final Pattern EXCERPT = Pattern.compile("^ +\\d* \\|.*$");
  private static final System.Logger LOG = System.getLogger(BuildErrorParser.class.getName());

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
    var out = new ArrayList<BuildError>();
    var hidden = new java.util.LinkedHashSet<Path>();
    for (var error : all(stderr, workingDir, goMod)) {
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

  private static List<BuildError> all(String stderr, Path workingDir, Path goMod) {
    var errors = new ArrayList<Draft>();
    for (var line : stderr.split("\r?\n")) {
      if (line.isBlank() || line.startsWith("# ") || skipped(line)) {
        continue;
      }
      if ((line.startsWith("\t") || EXCERPT.matcher(line).matches()) && !errors.isEmpty()) {
        errors.getLast().text.append('\n').append(line.substring(1));
        continue;
      }
      var m = POSITIONED.matcher(line);
      var file = m.matches() ? resolve(workingDir, m.group("file")) : null;
      if (file != null) {
        int col = m.group("col") == null ? 1 : Math.max(1, Integer.parseInt(m.group("col")));
        errors.add(
            new Draft(file, Math.max(1, Integer.parseInt(m.group("line"))), col, m.group("msg")));
      } else {
        errors.add(new Draft(goMod, 1, 1, line.strip()));
      }
    }
    return errors.stream().filter(d -> !d.text.toString().isBlank()).map(Draft::toError).toList();
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
    final Path file;
    final int line;
    final int column;
    final StringBuilder text;

    Draft(Path file, int line, int column, String text) {
      this.file = file;
      this.line = line;
      this.column = column;
      this.text = new StringBuilder(text);
    }

    BuildError toError() {
      return new BuildError(file, line, column, text.toString().strip());
    }
  }
}
