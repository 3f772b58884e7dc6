package dev.hotlsp.bridge.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Which packages' tests a set of changed files can break: a pure function of the import graph.
 * A package's test binary is the package with its {@code _test.go} files and its external {@code
 * _test} package, so it depends on the package, everything it imports, and everything its tests
 * import ({@code TestImports}, {@code XTestImports}), transitively — the set {@code go list -test
 * -deps} lists for it. A changed file reaches packages as for {@link AffectedTargets} (the package
 * building from it, a go.mod's module, a go.work's everything); a {@code _test.go} file, or a file
 * under a {@code testdata} directory, affects only the tests of the package of its directory.
 * Only the workspace's own packages with test files are answered.
 */
public final class AffectedTests {
  private AffectedTests() {}

  /** The import paths, sorted, of the workspace packages whose tests depend on a {@code changed} file. */
  public static List<String> of(ImportGraph graph, Collection<Path> changed) {
    var touched = new ArrayList<String>();
    var direct = new TreeSet<String>();
    for (var raw : changed) {
      var file = raw.toAbsolutePath().normalize();
      var testdata = testdataOwner(file);
      if (file.getFileName().toString().endsWith("_test.go")) {
        graph.inDirectory(file.getParent()).ifPresent(p -> direct.add(p.importPath()));
      } else if (testdata != null) {
        graph.inDirectory(testdata).ifPresent(p -> direct.add(p.importPath()));
      } else {
        touched.addAll(AffectedTargets.touched(graph, file));
      }
    }
    var reached = new HashSet<>(graph.dependents(touched));
    var out = new TreeSet<String>();
    for (var p : graph.packages()) {
      if (direct.contains(p.importPath())) { // also a first _test.go file the graph does not know yet
        out.add(p.importPath());
        continue;
      }
      if (p.depOnly() || !p.hasTests()) {
        continue;
      }
      boolean affected = reached.contains(p.importPath())
          || p.testImports().stream().anyMatch(reached::contains)
          || p.xTestImports().stream().anyMatch(reached::contains);
      if (affected) {
        out.add(p.importPath());
      }
    }
    return List.copyOf(out);
  }

  /** The directory holding the {@code testdata} directory {@code file} is under; null when it is under none. */
  private static Path testdataOwner(Path file) {
    for (var dir = file.getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
      if (dir.getFileName().toString().equals("testdata")) {
        return dir.getParent();
      }
    }
    return null;
  }
}
