package dev.hotlsp.bridge.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoWorkspaceTest {
  @TempDir Path tmp;

  @Test
  void packagesAreNamedByDirectoryNeverByImportPath() {
    var ws = new GoWorkspace(Path.of("/w"), List.of(Path.of("/w"), Path.of("/other/m")), true);
    assertEquals(".", ws.packageArgument(Path.of("/w")));
    assertEquals("./cmd/tool", ws.packageArgument(Path.of("/w/cmd/tool")));
    assertEquals("/other/m/cmd", ws.packageArgument(Path.of("/other/m/cmd")));
    assertEquals("/other/m", ws.packageArgument(Path.of("/w/../other/m")));
  }

  @Test
  void aGoWorkListsItsModulesAndIsFoundFromInsideOne() throws Exception {
    var root = Workspaces.copy("gowork", tmp);
    var fromInside = GoWorkspace.detect(root.resolve("lib/greet"), Workspaces.go());
    assertTrue(fromInside.goWork());
    assertEquals(root, fromInside.root());
    assertEquals(List.of(root.resolve("app"), root.resolve("lib")), fromInside.moduleDirs());
    assertEquals(List.of("./app/...", "./lib/..."), fromInside.patterns());
    assertEquals(List.of(root), fromInside.watchRoots());
  }

  @Test
  void aModuleIsItsOwnRoot() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var workspace = GoWorkspace.detect(root.resolve("cmd"), Workspaces.go());
    assertFalse(workspace.goWork());
    assertEquals(root, workspace.root());
    assertEquals(List.of("./..."), workspace.patterns());
  }

  @Test
  void aFolderWithoutGoFilesIsRefused() throws Exception {
    var empty = Files.createDirectories(tmp.resolve("nothing"));
    assertThrows(IOException.class, () -> GoWorkspace.detect(empty, Workspaces.go()));
  }
}
