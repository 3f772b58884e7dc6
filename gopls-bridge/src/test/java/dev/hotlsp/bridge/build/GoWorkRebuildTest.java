package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test-workspaces/gowork: a go.work with module app using module lib. */
class GoWorkRebuildTest {
  @TempDir Path tmp;

  @Test
  void anEditInTheLibraryModuleRebuildsTheCommandOfTheOtherModule() throws Exception {
    var go = Workspaces.go();
    var root = Workspaces.copy("gowork", tmp);
    var workspace = GoWorkspace.detect(root, go);
    assertTrue(workspace.goWork());
    assertEquals(List.of(root.resolve("app"), root.resolve("lib")), workspace.moduleDirs());
    assertEquals(List.of("./app/...", "./lib/..."), workspace.patterns());

    var listener = new RecordingBuildListener();
    try (var loop = RebuildLoop.start(RebuildConfig.defaults(workspace, Workspaces.cache(tmp)), go, listener)) {
      var greet = root.resolve("lib/greet/greet.go");
      Files.writeString(greet, Files.readString(greet).replace("\"hello, \"", "\"hi, \""));
      loop.onBatch(ChangeBatch.of(new FileChange(greet, FileChange.Kind.MODIFIED)));
      assertEquals(Set.of("example.com/app"), listener.decision(1).targets().keySet());
      var result = listener.result("example.com/app", 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      assertTrue(result.binaryChanged());
      var output = new ProcessBuilder(result.binary().toString()).start();
      assertEquals("hi, work\n", new String(output.getInputStream().readAllBytes()));
    }
  }
}
