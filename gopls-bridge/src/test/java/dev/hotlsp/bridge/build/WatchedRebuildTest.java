package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.watch.ExecutorScheduler;
import dev.hotlsp.bridge.watch.WatchConfig;
import dev.hotlsp.bridge.watch.WorkspaceWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real watcher feeding the real rebuild loop, as the proxy wires them. */
class WatchedRebuildTest {
  @TempDir Path tmp;

  @Test
  void aBurstOf200FilesLikeAGitCheckoutGivesOneBuild() throws Exception {
    var go = Workspaces.go();
    var root = Workspaces.copy("multi", tmp);
    var workspace = GoWorkspace.detect(root, go);
    var listener = new RecordingBuildListener();
    var config = new WatchConfig(workspace.watchRoots(), List.of(), Duration.ofMillis(500));
    try (var loop = RebuildLoop.start(RebuildConfig.defaults(workspace, Workspaces.cache(tmp)), go, listener);
        var scheduler = new ExecutorScheduler("test-debounce");
        var watcher = WorkspaceWatcher.start(config, scheduler, loop)) {
      for (int i = 0; i < 200; i++) {
        Files.writeString(
            root.resolve("internal/store/gen" + i + ".go"),
            "package store\n\n// Gen"
                + i
                + " is generated.\nfunc Gen"
                + i
                + "() int { return "
                + i
                + " }\n");
      }
      var result = listener.result(RebuildLoopTest.SERVER, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      var decision = listener.decision(1);
      assertEquals(200, decision.changes().size());
      assertTrue(
          decision.graphReloadReason().startsWith("Go file created"), decision.graphReloadReason());

      var util = root.resolve("internal/util/util.go");
      Files.writeString(util, Files.readString(util).replace("\"!\"", "\"!!\""));
      listener.result(RebuildLoopTest.TOOL, 1);
      assertEquals(
          List.of(RebuildLoopTest.SERVER, RebuildLoopTest.TOOL),
          listener.started().stream().map(BuildStarted::target).toList());
    }
  }

  @Test
  void aWorkspaceDeletedAndRestoredWhileWatchedBuildsAgain() throws Exception {
    var go = Workspaces.go();
    var root = Workspaces.copy("multi", tmp);
    var workspace = GoWorkspace.detect(root, go);
    var listener = new RecordingBuildListener();
    var config = new WatchConfig(workspace.watchRoots(), List.of(), Duration.ofMillis(200));
    try (var loop = RebuildLoop.start(RebuildConfig.defaults(workspace, Workspaces.cache(tmp)), go, listener);
        var scheduler = new ExecutorScheduler("test-debounce");
        var watcher = WorkspaceWatcher.start(config, scheduler, loop)) {
      assertTrue(dev.hotlsp.bridge.process.FileTrees.delete(root));
      var gone = listener.decision(1);
      for (var target : gone.targets().keySet()) {
        listener.result(target, 1); // what the deletion started is over before the folder comes back
      }

      Workspaces.copy("multi", tmp);
      var util = root.resolve("internal/util/util.go");
      Files.writeString(util, Files.readString(util).replace("\"!\"", "\"!!\""));
      var built = listener.events.await(l -> l.stream().anyMatch(
          e -> e instanceof BuildResult r && r.target().equals(RebuildLoopTest.TOOL) && r.ok()), RecordingBuildListener.WAIT);
      assertTrue(built.stream().noneMatch(e -> e instanceof BuildResult r && !r.ok()
          && r.errors().toString().contains("setpriv")), built::toString);
    }
  }
}
