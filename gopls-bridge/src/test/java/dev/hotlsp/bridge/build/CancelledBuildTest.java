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
import java.nio.file.attribute.PosixFilePermissions;
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
    var fixed =
        Files.createDirectories(Workspaces.repo().resolve("gopls-bridge/target/toolexec-gate"));
    var gate = Files.writeString(fixed.resolve("block-once"), "");
    var pidFile = fixed.resolve("blocked.pid");
    Files.deleteIfExists(pidFile);
    var wrapper = fixed.resolve("toolexec.sh");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nif rm '"
            + gate
            + "' 2>/dev/null; then echo $$ > '"
            + pidFile
            + "'; exec sleep 600; fi\nexec \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    var workspace = GoWorkspace.detect(root, go);
    var config =
        new RebuildConfig(
            workspace,
            List.of(RebuildLoopTest.SERVER),
            OutputDirectory.of(Workspaces.cache(tmp), root),
            List.of("-buildvcs=false", "-toolexec=" + wrapper),
            false);
    var listener = new RecordingBuildListener();
    try (var loop = RebuildLoop.start(config, go, listener)) {
      var store = root.resolve("internal/store/store.go");
      var change = ChangeBatch.of(new FileChange(store, FileChange.Kind.MODIFIED));
      Files.writeString(store, Files.readString(store).replace("len(s.names)", "len(s.names)+1"));
      loop.onBatch(change);
      Poll.until(
          () -> Files.isRegularFile(pidFile) && size(pidFile) > 0,
          RecordingBuildListener.WAIT,
          "blocked build");
      long blocked = Long.parseLong(Files.readString(pidFile).strip());

      Files.writeString(store, Files.readString(store).replace("len(s.names)+1", "len(s.names)+2"));
      loop.onBatch(change);
      var result = listener.result(RebuildLoopTest.SERVER, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      Poll.until(
          () -> !running(blocked),
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

  /** True while {@code pid} exists and is not a zombie waiting for its new parent to reap it. */
  private static boolean running(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
