package dev.hotlsp.bridge.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphRefreshTest {
  private static final String STORE_HEADER = "package store\n\nimport \"strconv\"\n";
  @TempDir static Path tmp;
  static Path root;
  static ImportGraph graph;

  @BeforeAll
  static void load() throws Exception {
    root = Workspaces.copy("multi", tmp);
    graph = MultiGraph.load(root);
  }

  private static Optional<String> reason(String file, FileChange.Kind kind, String text) {
    var change = new FileChange(root.resolve(file), kind);
    return GraphRefresh.reason(graph, List.of(change), p -> Optional.ofNullable(text));
  }

  @Test
  void aBodyEditKeepsTheGraph() {
    var text = STORE_HEADER + "func New() *Store { return nil }\n";
    assertTrue(reason("internal/store/store.go", FileChange.Kind.MODIFIED, text).isEmpty());
  }

  @Test
  void aNewImportReloadsTheGraph() {
    var text = "package store\n\nimport (\n\t\"strconv\"\n\t\"os\"\n)\n";
    assertEquals(
        Optional.of("new import os in " + root.resolve("internal/store/store.go")),
        reason("internal/store/store.go", FileChange.Kind.MODIFIED, text));
  }

  @Test
  void aRenamedPackageReloadsTheGraph() {
    var text = "package shop\n\nimport \"strconv\"\n";
    assertTrue(reason("internal/store/store.go", FileChange.Kind.MODIFIED, text).isPresent());
  }

  @Test
  void createdOrDeletedGoFilesAndModuleFilesReloadTheGraph() {
    assertTrue(
        reason("internal/store/more.go", FileChange.Kind.CREATED, "package store").isPresent());
    assertTrue(reason("internal/util/util.go", FileChange.Kind.DELETED, null).isPresent());
    assertTrue(reason("go.mod", FileChange.Kind.MODIFIED, "module x").isPresent());
    assertTrue(reason("go.sum", FileChange.Kind.CREATED, "").isPresent());
  }

  @Test
  void testFilesAndOtherFilesNeverReloadTheGraph() {
    assertTrue(
        reason("internal/store/new_test.go", FileChange.Kind.CREATED, "package store").isEmpty());
    assertTrue(reason("README.md", FileChange.Kind.CREATED, "# hi").isEmpty());
  }
}
