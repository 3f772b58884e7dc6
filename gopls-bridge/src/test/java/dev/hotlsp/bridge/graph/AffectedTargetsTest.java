package dev.hotlsp.bridge.graph;

import static dev.hotlsp.bridge.graph.MultiGraph.SERVER;
import static dev.hotlsp.bridge.graph.MultiGraph.TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffectedTargetsTest {
  @TempDir static Path tmp;
  static Path root;
  static ImportGraph graph;

  @BeforeAll
  static void load() throws Exception {
    root = Workspaces.copy("multi", tmp);
    graph = MultiGraph.load(root);
  }

  private static Set<String> affected(String... files) {
    var changes =
        java.util.Arrays.stream(files)
            .map(f -> new FileChange(root.resolve(f), FileChange.Kind.MODIFIED))
            .toList();
    return AffectedTargets.compute(List.of(graph), graph.commands(), changes).targets();
  }

  @Test
  void aDeepDependencyAffectsOnlyTheTargetThatImportsIt() {
    assertEquals(Set.of(SERVER), affected("internal/store/store.go"));
    assertEquals(Set.of(TOOL), affected("internal/util/util.go"));
    assertEquals(Set.of(SERVER, TOOL), affected("internal/api/api.go", "cmd/tool/main.go"));
  }

  @Test
  void testsUnusedPackagesAndNonGoFilesAffectNothing() {
    assertEquals(
        Set.of(),
        affected(
            "internal/store/store_test.go", "internal/unused/unused.go", "README.md", "x.txt"));
  }

  @Test
  void goModAffectsEveryTargetOfItsModule() {
    assertEquals(Set.of(SERVER, TOOL), affected("go.mod"));
  }

  @Test
  void aDeletedGoFileMapsToItsDirectorysPackage() {
    var gone = new FileChange(root.resolve("internal/util/gone.go"), FileChange.Kind.DELETED);
    assertEquals(
        Map.of(TOOL, "changed internal/util/gone.go (deleted)"),
        AffectedTargets.compute(List.of(graph), graph.commands(), List.of(gone)).reasons());
  }

  @Test
  void onlyConfiguredTargetsCount() {
    var change = new FileChange(root.resolve("internal/api/api.go"), FileChange.Kind.MODIFIED);
    assertEquals(
        Set.of(), AffectedTargets.compute(List.of(graph), Set.of(TOOL), List.of(change)).targets());
  }
}
