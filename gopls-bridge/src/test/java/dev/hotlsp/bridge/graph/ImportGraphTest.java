package dev.hotlsp.bridge.graph;

import static dev.hotlsp.bridge.graph.MultiGraph.SERVER;
import static dev.hotlsp.bridge.graph.MultiGraph.TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Workspaces;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportGraphTest {
  @TempDir Path tmp;

  @Test
  void theMultiWorkspaceHasTwoCommandsAndReverseEdges() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var graph = MultiGraph.load(root);
    assertEquals(Set.of(SERVER, TOOL), graph.commands());
    assertEquals(
        Set.of("example.com/multi/internal/store", "example.com/multi/internal/api", SERVER),
        graph.dependents(List.of("example.com/multi/internal/store")));
    var store = graph.builtFrom(root.resolve("internal/store/store.go")).orElseThrow();
    assertEquals("store", store.name());
    assertEquals(List.of("store_test.go"), store.testFiles());
    assertTrue(graph.builtFrom(root.resolve("internal/store/store_test.go")).isEmpty());
    assertTrue(graph.packages().stream().noneMatch(p -> p.importPath().equals("fmt")));
    assertEquals(root.resolve("go.mod"), store.module().goMod());
  }

  @Test
  void parsesConcatenatedObjectsAndSkipsTheStandardLibrary() throws Exception {
    var json =
        """
        {"ImportPath":"fmt","Dir":"/go/src/fmt","Name":"fmt","Standard":true}
        {"ImportPath":"m/a","Dir":"/w/a","Name":"a","GoFiles":["a.go"],"SFiles":["a_amd64.s"],
         "EmbedFiles":["static/x.html"],"Imports":["fmt"],
         "Module":{"Path":"m","Dir":"/w","GoMod":"/w/go.mod"},"DepOnly":true}
        {"ImportPath":"m/cmd","Dir":"/w/cmd","Name":"main","GoFiles":["main.go"],
         "TestGoFiles":["in_test.go"],"XTestGoFiles":["x_test.go"],"Imports":["m/a"],
         "TestImports":["testing","m/t"],"XTestImports":["m/cmd","testing"],"Module":{"Path":"m","Dir":"/w"},
         "Error":{"Err":"something"}}
        """;
    var graph = ImportGraph.parse(new StringReader(json));
    assertEquals(2, graph.packages().size());
    assertEquals(Set.of("m/cmd"), graph.commands());
    assertEquals("m/a", graph.builtFrom(Path.of("/w/a/static/x.html")).orElseThrow().importPath());
    assertEquals("m/a", graph.builtFrom(Path.of("/w/a/a_amd64.s")).orElseThrow().importPath());
    var cmd = graph.get("m/cmd").orElseThrow();
    assertEquals("something", cmd.error());
    assertEquals(List.of("in_test.go", "x_test.go"), cmd.testFiles());
    assertEquals(List.of("in_test.go"), cmd.testGoFiles());
    assertEquals(List.of("x_test.go"), cmd.xTestGoFiles());
    assertEquals(List.of("testing", "m/t"), cmd.testImports());
    assertEquals(List.of("m/cmd", "testing"), cmd.xTestImports());
    assertTrue(cmd.hasTests());
    assertFalse(graph.get("m/a").orElseThrow().hasTests());
    assertFalse(graph.get("m/a").orElseThrow().isCommand());
  }
}
