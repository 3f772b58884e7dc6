package dev.hotlsp.bridge.graph;

import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether changes make an {@link ImportGraph} out of date, so that {@code go list} runs
 * only when needed: a go.mod, go.sum, go.work or go.work.sum changed; a non-test Go file was
 * created, deleted, or is unknown to the graph; a file was created or deleted under a package that
 * embeds files; or an edited Go file's package clause or import block differs from the graph's (an
 * import its package does not have, or another package name). Test files never refresh.
 */
public final class GraphRefresh {
  private static final java.util.Set<String> MODULE_FILES =
      java.util.Set.of("go.mod", "go.sum", "go.work", "go.work.sum");

  private GraphRefresh() {}

  /** Why {@code graph} must be reloaded after {@code changes}, reading edited files from disk. */
  public static Optional<String> reason(ImportGraph graph, List<FileChange> changes) {
    return reason(graph, changes, GraphRefresh::read);
  }

  /**
   * Why {@code graph} must be reloaded after {@code changes}, or empty if it need not be.
   *
   * @param source reads the current text of a file; empty if it cannot be read
   */
  public static Optional<String> reason(
      ImportGraph graph, List<FileChange> changes, Function<Path, Optional<String>> source) {
    for (var change : changes) {
      var why = reason(graph, change, source);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> reason(
      ImportGraph graph, FileChange change, Function<Path, Optional<String>> source) {
    var path = change.path();
    var name = path.getFileName().toString();
    if (MODULE_FILES.contains(name)) {
      return Optional.of(name + " changed");
    }
    if (name.endsWith("_test.go")) {
      return Optional.empty();
    }
    if (!name.endsWith(".go")) {
      return change.kind() != FileChange.Kind.MODIFIED && embedsUnder(graph, path)
          ? Optional.of("file " + kind(change) + " where files are embedded: " + path)
          : Optional.empty();
    }
    if (change.kind() != FileChange.Kind.MODIFIED) {
      return Optional.of("Go file " + kind(change) + ": " + path);
    }
    var owner = graph.builtFrom(path);
    if (owner.isEmpty()) {
      return Optional.of("Go file not in the graph: " + path);
    }
    var block = source.apply(path).flatMap(ImportBlock::parse);
    if (block.isEmpty()) {
      return Optional.of("unreadable package clause or imports: " + path);
    }
    var pkg = owner.get();
    if (!block.get().packageName().equals(pkg.name())) {
      return Optional.of("package clause changed: " + path);
    }
    var known = new HashSet<>(pkg.imports());
    for (var imported : block.get().imports()) {
      if (!imported.equals("C") && !known.contains(imported)) {
        return Optional.of("new import " + imported + " in " + path);
      }
    }
    return Optional.empty();
  }

  private static boolean embedsUnder(ImportGraph graph, Path file) {
    for (var dir = file.getParent(); dir != null; dir = dir.getParent()) {
      var pkg = graph.inDirectory(dir);
      if (pkg.isPresent() && !pkg.get().embedFiles().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(java.nio.file.Files.readString(file));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String kind(FileChange change) {
    return change.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
