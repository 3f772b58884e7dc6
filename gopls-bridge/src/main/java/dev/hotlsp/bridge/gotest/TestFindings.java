package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.toolchain.PositionMapper;
import dev.hotlsp.bridge.build.BuildErrorParser;
import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashKind;
import dev.hotlsp.bridge.crash.CrashMapper;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FrameLocator;
import dev.hotlsp.bridge.crash.Goroutine;
import dev.hotlsp.bridge.crash.SourceLines;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.toolchain.BuildScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a package's test outcome on the workspace's lines, through the bridge's one crash mapping
 * ({@link CrashMapper} over a {@link FrameLocator}) and {@link BuildErrorParser}:
 * <ul>
 *   <li>{@code test-failure}: each {@code file_test.go:23: message} line a failed test printed
 *       ({@code t.Errorf}, {@code t.Fatalf}, a {@code t.Helper} helper's caller), with its indented
 *       continuation lines; the file is looked for in the package ({@code importPath/file}, so
 *       {@code -trimpath} and {@code -fullpath} alike), else wherever exactly one workspace file has
 *       that name (a helper without {@code t.Helper}). A line of {@code t.Log} in a failed test is
 *       indistinguishable and placed too.</li>
 *   <li>{@code test-panic}: a panic in the test's output, on the top-most user frame with the
 *       user frames above it related (else on the test's declaration).</li>
 *   <li>{@code test-timeout}: {@code panic: test timed out after …}: one finding per test still
 *       running, on its goroutine's top-most user frame (else its declaration).</li>
 *   <li>{@code build}: the compiler's errors of a test binary that did not build.</li>
 * </ul>
 * A failed test that printed no such line ({@code t.Fail}) is a {@code test-failure} on its
 * declaration. Messages start with the test's name. Each test gets its declaration's place from {@link
 * TestDeclarations}. Not thread-safe (one per run).
 */
public final class TestFindings {
  public static final String FAILURE = "test-failure";
  public static final String PANIC = "test-panic";
  public static final String TIMEOUT = "test-timeout";
  public static final String BUILD = "build";

  private static final Pattern FAILURE_LINE = Pattern.compile("^( +)([^\\s:]+\\.go):(\\d+): (.*)$");
  private static final Pattern RUNNING_TEST = Pattern.compile("(?m)^\\t\\t(\\S+) \\(([^)]*)\\)$");
  private static final Pattern TIMED_OUT = Pattern.compile("test timed out after (\\S+)");

  private final WorkspaceIndex index;
  private final SourceLines sources;
  private final CrashMapper mapper;
  private final Path workingDir;
  private final BuildScope scope;

  /**
   * @param workingDir where go ran: relative paths in the compiler's output are relative to it
   * @param scope the files the compiler's errors may be shown on
   */
  public TestFindings(WorkspaceIndex index, SourceLines sources, Path workingDir, BuildScope scope) {
    this.index = index;
    this.sources = sources;
    this.mapper = new CrashMapper(new FrameLocator(index), sources);
    this.workingDir = workingDir;
    this.scope = scope;
  }

  /** The package's result: its tests at their declarations, and its findings. */
  PackageResult place(PackageRun run) {
    var dir = index.packageDir(run.importPath()).orElse(workingDir);
    var declared = declarations(dir);
    var tests = new ArrayList<TestCase>();
    for (var t : run.tests()) {
      var d = declared.get(t.topLevel());
      tests.add(d == null ? t : t.at(d.file(), d.line()));
    }
    var findings = new ArrayList<Finding>();
    if (run.status() == PackageStatus.BUILD_FAILED) {
      findings.addAll(build(run, dir));
    }
    boolean placed = false;
    for (var t : tests) {
      if (t.status() == TestStatus.FAIL || t.status() == TestStatus.TIMEOUT) {
        int before = findings.size();
        findings.addAll(failures(run.importPath(), t));
        findings.addAll(crashes(run.importPath(), t.name(), t.output(), tests));
        placed |= findings.size() > before;
      }
    }
    if (!placed && run.status() == PackageStatus.FAIL) {
      findings.addAll(crashes(run.importPath(), "", run.output(), tests)); // TestMain, init
    }
    for (var t : tests) { // a failure that printed no line of its own (t.Fail, t.FailNow) is on its declaration
      boolean said = findings.stream().anyMatch(f -> f.message().startsWith(t.name() + ": "));
      boolean child = tests.stream().anyMatch(c -> c.name().startsWith(t.name() + "/")
          && (c.status() == TestStatus.FAIL || c.status() == TestStatus.TIMEOUT));
      if (t.status() == TestStatus.FAIL && !said && !child) {
        declaration(t, FAILURE, t.name() + ": failed").ifPresent(findings::add);
      }
    }
    return new PackageResult(run.importPath(), dir, run.status(), run.elapsed(), run.cached(), tests,
        findings, run.output());
  }

  private static Map<String, TestDeclarations.Declaration> declarations(Path dir) {
    var out = new HashMap<String, TestDeclarations.Declaration>();
    if (Files.isDirectory(dir)) {
      try {
        TestDeclarations.scan(dir).forEach(d -> out.putIfAbsent(d.name(), d));
      } catch (IOException e) {
        // unreadable: tests without their places
      }
    }
    return out;
  }

  private List<Finding> failures(String importPath, TestCase test) {
    var out = new ArrayList<Finding>();
    var lines = test.output().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = FAILURE_LINE.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      var message = new StringBuilder(m.group(4));
      int indent = m.group(1).length();
      while (i + 1 < lines.length && continues(lines[i + 1], indent)) {
        message.append('\n').append(lines[++i].substring(Math.min(indent + 4, leading(lines[i]))));
      }
      String file = m.group(2);
      int line = Integer.parseInt(m.group(3));
      String text = test.name() + ": " + message;
      var placed = file.startsWith("/") ? mapper.onLine(file, line, FAILURE, text)
          : mapper.onLine(importPath + "/" + file, line, FAILURE, text);
      placed.or(() -> declaration(test, FAILURE, text + " (at " + file + ":" + line + ")")).ifPresent(out::add);
    }
    return out;
  }

  private static boolean continues(String line, int indent) {
    return leading(line) > indent && !FAILURE_LINE.matcher(line).matches() && !line.isBlank();
  }

  private static int leading(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private List<Finding> crashes(String importPath, String test, String output, List<TestCase> tests) {
    var out = new ArrayList<Finding>();
    for (Crash crash : CrashScanner.scan(output).crashes()) {
      var timedOut = TIMED_OUT.matcher(crash.message());
      if (crash.message().contains("test timed out after")) {
        timedOut.find();
        out.addAll(timeout(importPath, crash, timedOut.group(1), output, tests));
        continue;
      }
      String prefix = test.isEmpty() ? "" : test + ": ";
      var mapped = mapper.map(crash);
      if (mapped.isEmpty()) {
        tests.stream().filter(t -> t.name().equals(test)).findFirst()
            .flatMap(t -> declaration(t, PANIC, prefix + crash.message().lines().findFirst().orElse("panic")))
            .ifPresent(out::add);
      }
      for (var f : mapped) {
        out.add(recode(f, PANIC, prefix + f.message()));
      }
    }
    return out;
  }

  private List<Finding> timeout(String importPath, Crash crash, String after, String output, List<TestCase> tests) {
    var running = new LinkedHashMap<String, String>();
    var m = RUNNING_TEST.matcher(output);
    while (m.find()) {
      running.put(m.group(1), m.group(2));
    }
    if (running.isEmpty()) {
      tests.stream().filter(t -> t.status() == TestStatus.TIMEOUT).forEach(t -> running.put(t.name(), ""));
    }
    var out = new ArrayList<Finding>();
    for (var entry : running.entrySet()) {
      String name = entry.getKey();
      String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
      String message = name + ": test timed out after " + after
          + (entry.getValue().isEmpty() ? "" : " (running for " + entry.getValue() + ")");
      Optional<Finding> placed = Optional.empty();
      for (Goroutine g : crash.goroutines()) {
        boolean runsIt = g.frames().stream().anyMatch(f -> f.function().startsWith(importPath + ".")
            && (f.function().endsWith("." + top) || f.function().contains("." + top + ".func"))
            || f.function().startsWith(importPath + "_test.") && f.function().endsWith("." + top));
        if (runsIt) {
          var alone = new Crash(CrashKind.PANIC, "test timed out", List.of(), List.of(g), OptionalLong.of(g.id()),
              List.of(), Optional.empty(), Optional.empty(), false);
          placed = mapper.map(alone).stream().findFirst().map(f -> recode(f, TIMEOUT, message));
          break;
        }
      }
      placed.or(() -> tests.stream().filter(t -> t.name().equals(name) || t.name().equals(top)).findFirst()
              .flatMap(t -> declaration(t, TIMEOUT, message)))
          .ifPresent(out::add);
    }
    return out;
  }

  private List<Finding> build(PackageRun run, Path dir) {
    var goMod = index.modules().values().stream().filter(dir::startsWith).findFirst()
        .orElse(workingDir).resolve("go.mod");
    var out = new ArrayList<Finding>();
    for (var e : BuildErrorParser.parse(run.buildOutput(), workingDir, goMod, index::packageDir, scope)) {
      var text = sources.line(e.file(), e.line()).orElse("");
      int column = PositionMapper.utf16Character(text, e.column()) + 1;
      int end = text.stripTrailing().length() + 1;
      out.add(new Finding(e.file(), e.line(), column, e.line(), Math.max(end, column), BUILD, e.message(), List.of()));
    }
    return out;
  }

  private Optional<Finding> declaration(TestCase test, String code, String message) {
    if (test.file() == null) {
      return Optional.empty();
    }
    return mapper.onLine(test.file().toString(), test.line(), code, message);
  }

  private static Finding recode(Finding f, String code, String message) {
    return new Finding(f.file(), f.line(), f.column(), f.endLine(), f.endColumn(), code, message, f.related());
  }
}
