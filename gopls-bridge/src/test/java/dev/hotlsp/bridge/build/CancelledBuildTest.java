package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Poll;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newer change stops a running build. The first build is held by a {@code -toolexec} wrapper that
 * blocks (a {@code sleep} under go) until killed, so the test needs no timing. The wrapper lives at
 * a fixed path because go keys its build cache on the -toolexec command.
 */
class CancelledBuildTest {
  @TempDir Path tmp;

  @Test
  void aNewerChangeStopsTheRunningBuildTreeAndOnlyTheNewResultIsDelivered() throws Exception {
    var go = Workspaces.go();
    var root = Workspaces.copy("multi", tmp);
    var gate = FanOutBuildTest.ToolexecGate.arm();
    var workspace = GoWorkspace.detect(root, go);
    var config =
        new RebuildConfig(
            workspace,
            List.of(RebuildLoopTest.SERVER),
            OutputDirectory.of(Workspaces.cache(tmp), root),
            List.of("-buildvcs=false", "-toolexec=" + gate.wrapper()),
            false,
            RebuildConfig.EDITOR_NICENESS);
    var listener = new RecordingBuildListener();
    try (var loop = RebuildLoop.start(config, go, listener)) {
      var store = root.resolve("internal/store/store.go");
      var change = ChangeBatch.of(new FileChange(store, FileChange.Kind.MODIFIED));
      Files.writeString(store, Files.readString(store).replace("len(s.names)", "len(s.names)+1"));
      loop.onBatch(change);
      long blocked = gate.awaitBlocked();

      Files.writeString(store, Files.readString(store).replace("len(s.names)+1", "len(s.names)+2"));
      loop.onBatch(change);
      var result = listener.result(RebuildLoopTest.SERVER, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      Poll.until(
          () -> !FanOutBuildTest.ToolexecGate.running(blocked),
          java.time.Duration.ofSeconds(10),
          "the blocked tool process (pid " + blocked + ") stops with its go build");
      assertEquals(2, listener.started().size());
      loop.build(java.util.Set.of(RebuildLoopTest.SERVER), "barrier");
      listener.result(RebuildLoopTest.SERVER, 2);
      assertEquals(
          2,
          listener.events.all().stream().filter(BuildResult.class::isInstance).count(),
          "the stopped build's result is dropped");
    }
  }
}
