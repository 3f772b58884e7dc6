package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index of a go.work workspace found by the real go, and a -trimpath frame of each module. */
class WorkspaceIndexTest {
  @Test
  void aGoWorkWorkspaceIndexesEveryModuleByItsPath(@TempDir Path tmp) throws Exception {
    var root = Workspaces.copy("gowork", tmp);
    Files.createDirectories(root.resolve("lib/vendor/x"));
    Files.writeString(root.resolve("lib/vendor/x/greet.go"), "package x\n");

    var index = WorkspaceIndex.scan(GoWorkspace.detect(root, Workspaces.go()));

    assertEquals(Map.of("example.com/app", root.resolve("app"), "example.com/lib", root.resolve("lib")), index.modules());
    assertTrue(index.files().contains(root.resolve("lib/greet/greet.go")));
    assertTrue(index.files().stream().noneMatch(f -> f.toString().contains("vendor")), index.files()::toString);
    var locator = new FrameLocator(index);
    assertEquals(Optional.of(root.resolve("lib/greet/greet.go")), locator.locate("example.com/lib/greet/greet.go"));
    assertEquals(Optional.of(root.resolve("app/main.go")), locator.locate("example.com/app/main.go"));
    assertTrue(locator.userFunction("example.com/lib/greet.Hello"));
  }
}
