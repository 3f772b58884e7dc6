package dev.hotlsp.bridge.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftover working directories: whose owner is gone they are removed, others never. */
class OwnedDirsTest {
  @TempDir Path tmp;

  /** Processes 10 (started at 100) and 11 (at 110) run; 12 and 11-started-at-999 do not. */
  private final Set<String> running = new HashSet<>(Set.of("10.100", "11.110"));
  private final OwnedDirs mine = new OwnedDirs(7, 70, (pid, start) -> running.contains(pid + "." + start));

  @Test
  void aDirectoryIsNamedByItsProcessAndIsEmpty() throws Exception {
    var dir = mine.create(tmp, ".build-");
    assertTrue(dir.getFileName().toString().startsWith(".build-7.70-"), dir::toString);
    assertEquals(tmp, dir.getParent());
    try (var in = Files.list(dir)) {
      assertEquals(0, in.count());
    }
    assertTrue(mine.create(tmp, ".build-") != dir);
  }

  @Test
  void onlyTheDirectoriesOfEndedProcessesAreRemoved() throws Exception {
    var own = mine.create(tmp, ".build-");
    var live = Files.createDirectory(tmp.resolve(".build-10.100-a"));
    var dead = Files.createDirectories(tmp.resolve(".build-12.120-b/deep/er"));
    Files.writeString(dead.resolve("partial-binary"), "x");
    var reused = Files.createDirectory(tmp.resolve(".build-11.999-c")); // pid 11 now another process
    var otherPrefix = Files.createDirectory(tmp.resolve("run-12.120-d"));
    var user = Files.createDirectory(tmp.resolve(".build-notes"));
    var binary = Files.writeString(tmp.resolve("example.com_server-0123"), "binary");

    assertEquals(2, mine.sweep(tmp, ".build-"));

    for (var kept : new Path[] {own, live, otherPrefix, user, binary}) {
      assertTrue(Files.exists(kept), kept + " is kept");
    }
    assertFalse(Files.exists(tmp.resolve(".build-12.120-b")));
    assertFalse(Files.exists(reused));
  }

  @Test
  void aLinkWithALeftoverNameIsRemovedNotFollowed() throws Exception {
    var victim = Files.createDirectories(tmp.resolve("victim"));
    Files.writeString(victim.resolve("precious"), "keep me");
    var outputs = Files.createDirectory(tmp.resolve("outputs"));
    var link = Files.createSymbolicLink(outputs.resolve(".build-12.120-x"), victim);

    assertEquals(1, mine.sweep(outputs, ".build-"));

    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep me", Files.readString(victim.resolve("precious")));
  }

  @Test
  void anotherUsersLeftoverIsNeverTouched() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "only root can give a directory away");
    var theirs = Files.createDirectory(tmp.resolve("hotlsp-runs-12.120-x"));
    Files.setAttribute(theirs, "unix:uid", 65534);

    assertEquals(0, mine.sweep(tmp, "hotlsp-runs-"));

    assertTrue(Files.exists(theirs), "a shared /tmp holds other users' directories");
  }

  @Test
  void aDirectoryIsInUseWhileOneOfItsMarkersProcessesRuns() throws Exception {
    assertFalse(mine.anyLive(tmp, ".user-"), "no marker");
    Files.createDirectory(tmp.resolve(".user-12.120-a"));
    Files.createDirectory(tmp.resolve(".other-10.100-a"));
    assertFalse(mine.anyLive(tmp, ".user-"), "only an ended process's marker");
    var live = Files.createDirectory(tmp.resolve(".user-10.100-b"));
    assertTrue(mine.anyLive(tmp, ".user-"));
    Files.delete(live);
    mine.create(tmp, ".user-");
    assertTrue(mine.anyLive(tmp, ".user-"), "this process's own");
    assertFalse(mine.anyLive(tmp.resolve("gone"), ".user-"));
  }

  @Test
  void aMissingParentHasNoLeftovers() {
    assertEquals(0, mine.sweep(tmp.resolve("not-yet"), ".build-"));
  }

  @Test
  void aPrefixIsAFileNameStart() {
    assertThrows(IllegalArgumentException.class, () -> mine.create(tmp, "../x-"));
    assertThrows(IllegalArgumentException.class, () -> mine.sweep(tmp, ""));
  }

  @Test
  void aZombieHasEnded() throws Exception {
    // the inner sleep's parent execs a sleep that never waits for it: it ends as a zombie
    var parent = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!; exec sleep 60").start();
    try {
      long pid = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine().strip());
      long start = OwnedDirs.startTicks(pid).orElseThrow();
      var dir = Files.createDirectory(tmp.resolve(".build-" + pid + "." + start + "-z"));
      var self = OwnedDirs.ofThisProcess();
      assertEquals(0, self.sweep(tmp, ".build-"), "running");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z ")) {
        assertTrue(System.nanoTime() < deadline, "the sleep became a zombie");
        Thread.sleep(20);
      }
      assertEquals(1, self.sweep(tmp, ".build-"), "a zombie");
      assertFalse(Files.exists(dir));
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void realProcessesAreJudgedByPidAndStartTime() throws Exception {
    var self = OwnedDirs.ofThisProcess();
    assertEquals(ProcessHandle.current().pid(), self.pid());
    assertEquals(OwnedDirs.startTicks(self.pid()).orElseThrow(), self.start(), "ticks since boot, fixed for life");
    var sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      long start = OwnedDirs.startTicks(sleeper.pid()).orElseThrow();
      var liveDir = Files.createDirectory(tmp.resolve(".build-" + sleeper.pid() + "." + start + "-live"));
      var recycled = Files.createDirectory(tmp.resolve(".build-" + sleeper.pid() + "." + (start + 1) + "-old"));
      var ownDir = self.create(tmp, ".build-");

      assertEquals(1, self.sweep(tmp, ".build-"));
      assertTrue(Files.exists(liveDir), "a running process's directory stays");
      assertTrue(Files.exists(ownDir), "so does this process's own");
      assertFalse(Files.exists(recycled), "another process with that pid");

      sleeper.destroyForcibly().waitFor();
      assertEquals(1, self.sweep(tmp, ".build-"));
      assertFalse(Files.exists(liveDir), "its process has ended");
      assertTrue(Files.exists(ownDir));
    } finally {
      sleeper.destroyForcibly();
    }
  }
}
