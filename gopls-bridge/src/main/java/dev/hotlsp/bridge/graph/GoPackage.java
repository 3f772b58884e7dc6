package dev.hotlsp.bridge.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One non-standard package of the import graph, as {@code go list -json} describes it. File lists
 * hold names relative to {@code dir}: {@code goFiles} includes cgo files, {@code otherFiles} are
 * the C, C++, header, assembly and syso files of the build, {@code testFiles} are both kinds of
 * {@code _test.go} files. {@code depOnly} is true for packages that are only dependencies of the
 * listed patterns; {@code error} is empty when go list reported none.
 */
public record GoPackage(
    String importPath,
    Path dir,
    String name,
    List<String> goFiles,
    List<String> otherFiles,
    List<String> embedFiles,
    List<String> testFiles,
    List<String> imports,
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
    testFiles = List.copyOf(testFiles);
    imports = List.copyOf(imports);
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(error, "error");
  }

  /** True for a {@code package main} among the listed patterns: a candidate run target. */
  public boolean isCommand() {
    return name.equals("main") && !depOnly;
  }
}
