package dev.hotlsp.bridge.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One non-standard package of the import graph, as {@code go list -json} describes it. File lists
 * hold names relative to {@code dir}: {@code goFiles} includes cgo files, {@code otherFiles} are
 * the C, C++, header, assembly and syso files of the build, {@code testGoFiles} the {@code _test.go}
 * files of the package itself and {@code xTestGoFiles} those of its external {@code _test} package
 * (go list's TestGoFiles, XTestGoFiles), {@code testImports} and {@code xTestImports} what each of
 * them imports (TestImports, XTestImports). {@code depOnly} is true for packages that are only
 * dependencies of the listed patterns; {@code error} is empty when go list reported none.
 */
public record GoPackage(
    String importPath,
    Path dir,
    String name,
    List<String> goFiles,
    List<String> otherFiles,
    List<String> embedFiles,
    List<String> testGoFiles,
    List<String> xTestGoFiles,
    List<String> imports,
    List<String> testImports,
    List<String> xTestImports,
    GoModule module,
    boolean depOnly,
    String error) {
  public GoPackage {
    Objects.requireNonNull(importPath, "importPath");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(name, "name");
    goFiles = List.copyOf(goFiles);
    otherFiles = List.copyOf(otherFiles);
    embedFiles = List.copyOf(embedFiles);
    testGoFiles = List.copyOf(testGoFiles);
    xTestGoFiles = List.copyOf(xTestGoFiles);
    imports = List.copyOf(imports);
    testImports = List.copyOf(testImports);
    xTestImports = List.copyOf(xTestImports);
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(error, "error");
  }

  /** A package without test imports: {@code testFiles} are its own {@code _test.go} files. */
  public GoPackage(String importPath, Path dir, String name, List<String> goFiles, List<String> otherFiles,
      List<String> embedFiles, List<String> testFiles, List<String> imports, GoModule module, boolean depOnly,
      String error) {
    this(importPath, dir, name, goFiles, otherFiles, embedFiles, testFiles, List.of(), imports, List.of(), List.of(),
        module, depOnly, error);
  }

  /** Both kinds of {@code _test.go} files: the package's own, then its external test package's. */
  public List<String> testFiles() {
    var out = new java.util.ArrayList<>(testGoFiles);
    out.addAll(xTestGoFiles);
    return List.copyOf(out);
  }

  /** Whether {@code go test} builds a test binary for it (it has {@code _test.go} files). */
  public boolean hasTests() {
    return !testGoFiles.isEmpty() || !xTestGoFiles.isEmpty();
  }

  /** True for a {@code package main} among the listed patterns: a candidate run target. */
  public boolean isCommand() {
    return name.equals("main") && !depOnly;
  }
}
