package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace is the user's: a build reads it and writes only into HotLSP's private directory in
 * the cache, with the real go on copies of test-workspaces/multi.
 */
class WorkspaceIsOnlyReadTest {
  private static final String SERVER = RebuildLoopTest.SERVER;
  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();

  private RebuildLoop start(Path root) throws Exception {
    var config = RebuildConfig.defaults(GoWorkspace.detect(root, go), Workspaces.cache(tmp))
        .withTargets(List.of(SERVER)).withStaleReasons(false);
    return RebuildLoop.start(config, go, listener);
  }

  @Test
  void aReadOnlyWorkspaceBuilds() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    assumeTrue(run("mount", "--bind", root.toString(), root.toString()) == 0, "bind mounts need root");
    try {
      assumeTrue(run("mount", "-o", "remount,bind,ro", root.toString()) == 0, "read-only remount");
      assertFalse(Files.isWritable(root.resolve("go.mod")) && canCreateIn(root), "the workspace is read-only");
      try (var loop = start(root)) {
        loop.build(Set.of(), "initial build");
        var result = listener.result(SERVER, 1);
        assertTrue(result.ok(), () -> result.errors().toString());
        assertTrue(Files.isExecutable(result.binary()));
      }
    } finally {
      run("umount", root.toString());
    }
  }

  @Test
  void theLoopsDirectoryRecordsItsWorkspaceAndIsInUseWhileTheLoopRuns() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var cache = new dev.hotlsp.bridge.cache.BuildCache(Workspaces.cache(tmp));
    try (var loop = start(root)) {
      var entry = cache.list().getFirst();
      assertEquals(java.util.Optional.of(root.toRealPath()), entry.workspace());
      assertTrue(entry.inUse(), "the loop holds its directory");
      assertEquals(0, cache.prune(0).removed(), "no HotLSP prunes a live loop's binaries");
    }
    assertFalse(cache.list().getFirst().inUse(), "a closed loop lets it go");
    assertEquals(1, cache.prune(0).removed());
  }

  @Test
  void aDeletedWorkspaceIsNotRecreated() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    try (var loop = start(root)) {
      deleteTree(root);
      loop.build(Set.of(), "after the folder was deleted");
      var result = listener.result(SERVER, 1);
      assertFalse(result.ok());
      assertFalse(Files.exists(root, LinkOption.NOFOLLOW_LINKS), "the deleted folder stays deleted");
    }
  }

  @Test
  void aSymlinkPlantedAtTheBinaryIsReplacedNotFollowed() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var victim = Files.createDirectories(tmp.resolve("victim")).resolve("server");
    try (var loop = start(root)) {
      var binary = OutputDirectory.of(Workspaces.cache(tmp), root).binaryOf(SERVER);
      OutputDirectory.of(Workspaces.cache(tmp), root).ensure();
      Files.createSymbolicLink(binary, victim);

      loop.build(Set.of(), "initial build");
      var result = listener.result(SERVER, 1);

      assertTrue(result.ok(), () -> result.errors().toString());
      assertEquals(binary, result.binary());
      assertFalse(Files.exists(victim, LinkOption.NOFOLLOW_LINKS), "nothing is written through the link");
      assertTrue(Files.isRegularFile(binary, LinkOption.NOFOLLOW_LINKS));
      try (Stream<Path> left = Files.list(binary.getParent())) {
        // beside the binary only the loop's marker and its record of the workspace (BuildCache)
        assertEquals(List.of(binary), left.filter(p -> !p.getFileName().toString().startsWith(".user-")
            && !p.getFileName().toString().equals("workspace")).toList(), "no staging directory is left behind");
      }
    }
  }

  @Test
  void theStagingALaterKilledHotLspLeftIsRemovedByTheNextBuildAndALiveOnesIsNot() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var outputs = OutputDirectory.of(Workspaces.cache(tmp), root).ensure();
    var other = new ProcessBuilder("sleep", "60").start(); // another HotLSP building the same folder
    try {
      var ended = new ProcessBuilder("sleep", "60").start(); // its start time is read while it runs
      long endedStart = OwnedDirs.startTicks(ended.pid()).orElseThrow();
      ended.destroyForcibly().waitFor();
      var left = Files.createDirectory(outputs.resolve(".build-" + ended.pid() + "." + endedStart + "-k1ll3d"));
      Files.writeString(left.resolve("half-linked-binary"), "x".repeat(1 << 20));
      long otherStart = OwnedDirs.startTicks(other.pid()).orElseThrow();
      var building = Files.createDirectory(outputs.resolve(".build-" + other.pid() + "." + otherStart + "-busy"));

      try (var loop = start(root)) {
        loop.build(Set.of(), "initial build");
        assertTrue(listener.result(SERVER, 1).ok());
      }

      assertFalse(Files.exists(left), "the killed build's staging is gone");
      assertTrue(Files.isDirectory(building), "the running build's is not touched");
    } finally {
      other.destroyForcibly();
    }
  }

  private static boolean canCreateIn(Path dir) {
    try {
      Files.delete(Files.createFile(dir.resolve(".probe")));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
