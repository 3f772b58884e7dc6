package dev.hotlsp.bridge.gotest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tests a package declares, read from its {@code _test.go} files by a source scan (no go
 * command, so it answers while a file does not compile): each top-level {@code func TestX(t
 * *testing.T)}, {@code BenchmarkX}, {@code FuzzX} and {@code ExampleX} whose name go's rule accepts
 * (the suffix does not start with a lower-case letter), with its file and 1-based line. Pure.
 */
public final class TestDeclarations {
  /** What kind of test function a declaration is. */
  public enum Kind {
    TEST, BENCHMARK, FUZZ, EXAMPLE;

    /** {@code test}, {@code benchmark}, {@code fuzz}, {@code example}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One declared test function. */
  public record Declaration(String name, Kind kind, Path file, int line) {}

  private static final Pattern FUNC =
      Pattern.compile("^func (Test|Benchmark|Fuzz|Example)(\\w*)\\s*\\(([^)]*)\\)");

  private TestDeclarations() {}

  /** The declarations of the {@code _test.go} files directly in {@code dir}, by file then line. */
  public static List<Declaration> scan(Path dir) throws IOException {
    var out = new ArrayList<Declaration>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith("_test.go") && Files.isRegularFile(f))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (var file : files) {
      out.addAll(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** The declarations in {@code text}, the content of {@code file}. */
  public static List<Declaration> parse(Path file, String text) {
    var out = new ArrayList<Declaration>();
    var lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var m = FUNC.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      String prefix = m.group(1);
      String suffix = m.group(2);
      if (!suffix.isEmpty() && Character.isLowerCase(suffix.codePointAt(0)) && !prefix.equals("Example")) {
        continue;
      }
      String params = m.group(3).strip();
      var kind = switch (prefix) {
        case "Test" -> params.endsWith("*testing.T") ? Kind.TEST : null;
        case "Benchmark" -> params.endsWith("*testing.B") ? Kind.BENCHMARK : null;
        case "Fuzz" -> params.endsWith("*testing.F") ? Kind.FUZZ : null;
        default -> params.isEmpty() ? Kind.EXAMPLE : null;
      };
      if (kind != null) {
        out.add(new Declaration(prefix + suffix, kind, file, i + 1));
      }
    }
    return out;
  }
}
