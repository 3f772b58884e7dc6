package dev.hotlsp.bridge.graph;

import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which run targets a set of file changes affects, and why: a pure function of import graphs.
 *
 * <p>A changed file maps to the package whose build reads it (Go, cgo, assembly or embedded file);
 * a non-test Go file the graph does not list (deleted, or excluded by build constraints) maps to
 * the package of its directory. A go.mod or go.sum affects every target of its module, a go.work
 * every target. {@code _test.go} files and files no package builds from affect nothing. A target is
 * affected when it is, or transitively imports, a package so reached. Given several graphs (the one
 * before a refresh and the one after) the union is taken, so deleted files are found in the old
 * graph and created ones in the new.
 *
 * @param reasons for each affected target (import path, sorted), the changed files behind it
 */
public record AffectedTargets(Map<String, String> reasons) {
  private static final int FILES_IN_REASON = 5;

  public AffectedTargets {
    reasons = java.util.Collections.unmodifiableMap(new TreeMap<>(reasons));
  }

  public static AffectedTargets compute(
      Collection<ImportGraph> graphs, Set<String> targets, List<FileChange> changes) {
    var files = new TreeMap<String, Set<String>>();
    for (var graph : graphs) {
      for (var change : changes) {
        for (var target : targetsOf(graph, targets, change.path())) {
          files.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(display(graph, change));
        }
      }
    }
    var reasons = new TreeMap<String, String>();
    files.forEach((target, changed) -> reasons.put(target, describe(changed)));
    return new AffectedTargets(reasons);
  }

  public Set<String> targets() {
    return reasons.keySet();
  }

  public boolean isEmpty() {
    return reasons.isEmpty();
  }

  private static Set<String> targetsOf(ImportGraph graph, Set<String> targets, Path file) {
    var name = file.getFileName().toString();
    if (name.equals("go.work") || name.equals("go.work.sum")) {
      return targets;
    }
    var affected = new LinkedHashSet<>(graph.dependents(touched(graph, file)));
    affected.retainAll(targets);
    return affected;
  }

  /**
   * The packages whose build reads {@code file} (the rule above; a go.work's is every package);
   * empty for a {@code _test.go} file and a file no package builds from.
   */
  static List<String> touched(ImportGraph graph, Path file) {
    var name = file.getFileName().toString();
    var touched = new ArrayList<String>();
    if (name.equals("go.work") || name.equals("go.work.sum")) {
      graph.packages().forEach(p -> touched.add(p.importPath()));
    } else if (name.equals("go.mod") || name.equals("go.sum")) {
      graph.packages().stream()
          .filter(p -> p.module().dir().equals(file.getParent()))
          .forEach(p -> touched.add(p.importPath()));
    } else if (!name.endsWith("_test.go")) {
      graph.builtFrom(file).ifPresent(p -> touched.add(p.importPath()));
      if (touched.isEmpty() && name.endsWith(".go")) {
        graph.inDirectory(file.getParent()).ifPresent(p -> touched.add(p.importPath()));
      }
    }
    return touched;
  }

  private static String display(ImportGraph graph, FileChange change) {
    var path = change.path();
    var relative =
        graph.mainModules().stream()
            .map(GoModule::dir)
            .filter(path::startsWith)
            .findFirst()
            .map(dir -> dir.relativize(path).toString())
            .orElse(path.toString());
    return change.kind() == FileChange.Kind.MODIFIED
        ? relative
        : relative + " (" + change.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  private static String describe(Set<String> changed) {
    var shown = changed.stream().limit(FILES_IN_REASON).toList();
    var text = "changed " + String.join(", ", shown);
    return changed.size() > shown.size()
        ? text + " and " + (changed.size() - shown.size()) + " more"
        : text;
  }
}
