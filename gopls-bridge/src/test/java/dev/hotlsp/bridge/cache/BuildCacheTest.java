package dev.hotlsp.bridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build cache on real directories: each workspace's directory records its workspace; prune
 * removes those whose workspace is gone and the least recently used beyond the cap, never one a
 * live HotLSP — this one, or a real second process — holds, and never follows a link.
 */
class BuildCacheTest {
  @TempDir Path tmp;
  private CacheDirs cache;
  private BuildCache builds;

  @BeforeEach
  void setUp() {
    cache = new CacheDirs(tmp.resolve("xdg"));
    builds = new BuildCache(cache);
  }

  /** A workspace's build directory with a binary of {@code bytes}, last used at {@code used}, not leased. */
  private Path built(String name, Path workspace, int bytes, Instant used) throws Exception {
    var relative = BuildCache.BUILDS.resolve(name);
    try (var lease = CacheLease.acquire(cache, relative, workspace)) {
      Files.write(cache.root().resolve(relative).resolve("example.com_cmd-0123"), new byte[bytes]);
    }
    var dir = cache.root().resolve(relative);
    Files.setLastModifiedTime(dir.resolve(CacheLease.RECORD), FileTime.from(used));
    Files.setLastModifiedTime(dir, FileTime.from(used));
    return dir;
  }

  private Path workspace(String name) throws Exception {
    return Files.createDirectories(tmp.resolve("src").resolve(name)).toRealPath();
  }

  @Test
  void eachDirectoryRecordsItsWorkspaceAndIsListedWithItsSize() throws Exception {
    var ws = workspace("app");
    var dir = built("app-1", ws, 1000, Instant.parse("2026-01-02T03:04:00Z"));
    assertEquals(ws + "\n", Files.readString(dir.resolve("workspace")));

    var entries = builds.list();
    assertEquals(1, entries.size(), entries::toString);
    var e = entries.getFirst();
    assertEquals(Optional.of(ws), e.workspace());
    assertFalse(e.gone());
    assertFalse(e.inUse(), "the lease was closed");
    assertTrue(e.bytes() >= 1000 && e.bytes() < 1100, e.toString());
    assertEquals(Instant.parse("2026-01-02T03:04:00Z"), e.lastUsed());

    try (var lease = CacheLease.acquire(cache, BuildCache.BUILDS.resolve("app-1"), ws)) {
      assertTrue(builds.list().getFirst().inUse(), "this process holds it");
      assertTrue(builds.list().getFirst().lastUsed().isAfter(Instant.parse("2026-01-02T03:04:00Z")), "a lease is a use");
    }
  }

  @Test
  void aGoneWorkspacesDirectoryGoesUnlessInUse() throws Exception {
    var kept = built("kept-1", workspace("kept"), 10, Instant.parse("2026-01-01T00:00:00Z"));
    var ws = workspace("deleted-copy");
    var gone = built("deleted-1", ws, 10, Instant.parse("2026-01-01T00:00:00Z"));
    Files.delete(ws);

    try (var lease = CacheLease.acquire(cache, BuildCache.BUILDS.resolve("deleted-1"), ws)) {
      assertEquals(0, builds.prune(Long.MAX_VALUE).removed(), "in use by this process");
      assertTrue(Files.isDirectory(gone));
    }
    var pruned = builds.prune(Long.MAX_VALUE);
    assertEquals(1, pruned.removed(), pruned::toString);
    assertFalse(Files.exists(gone));
    assertTrue(Files.isDirectory(kept), "its workspace is there");
    try (var left = Files.list(cache.root().resolve(BuildCache.BUILDS))) {
      assertEquals(List.of(kept), left.toList(), "no work of the pruner is left either");
    }
  }

  @Test
  void theLeastRecentlyUsedGoBeyondTheCap() throws Exception {
    var oldest = built("a-1", workspace("a"), 4000, Instant.parse("2026-01-01T00:00:00Z"));
    var middle = built("b-1", workspace("b"), 4000, Instant.parse("2026-02-01T00:00:00Z"));
    var newest = built("c-1", workspace("c"), 4000, Instant.parse("2026-03-01T00:00:00Z"));

    var pruned = builds.prune(9000);
    assertEquals(1, pruned.removed(), pruned::toString);
    assertFalse(Files.exists(oldest));
    assertTrue(Files.exists(middle) && Files.exists(newest));

    try (var lease = CacheLease.acquire(cache, BuildCache.BUILDS.resolve("b-1"), workspace("b"))) {
      pruned = builds.prune(0);
      assertEquals(1, pruned.removed(), "all but the one in use: " + pruned);
      assertEquals(1, pruned.inUse());
      assertTrue(Files.exists(middle));
      assertFalse(Files.exists(newest));
    }
  }

  @Test
  void aDirectoryTakenWhileItIsPrunedIsGivenBack() throws Exception {
    var ws = workspace("taken");
    var dir = built("taken-1", ws, 10, Instant.parse("2026-01-01T00:00:00Z"));
    Files.delete(ws);
    Files.createDirectory(dir.resolve(".user-4242.42-x")); // a HotLSP whose marker appears just as the pruner looks
    var looks = new java.util.concurrent.atomic.AtomicInteger();
    var racing = new BuildCache(cache, new dev.hotlsp.bridge.process.OwnedDirs(7, 70,
        (pid, start) -> pid == 4242 && looks.incrementAndGet() > 2)); // not yet for list() and the first look

    assertEquals(0, racing.prune(0).removed());
    assertTrue(Files.isRegularFile(dir.resolve("example.com_cmd-0123")), "renamed back, binaries and all");
    try (var left = Files.list(cache.root().resolve(BuildCache.BUILDS))) {
      assertEquals(List.of(dir), left.toList(), "and no trash is left");
    }
  }

  @Test
  void aDirectoryARealSecondProcessHoldsIsKeptUntilItDies() throws Exception {
    var ws = workspace("held");
    var relative = BuildCache.BUILDS.resolve("held-1");
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LeaseHolder.class.getName(),
        cache.base().toString(), relative.toString(), ws.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("leased", out.readLine());
      Files.delete(ws);
      var dir = cache.root().resolve(relative);

      var entry = builds.list().getFirst();
      assertTrue(entry.inUse() && entry.gone(), entry.toString());
      assertEquals(0, builds.prune(0).removed());
      assertTrue(Files.isDirectory(dir), "a live HotLSP's directory stays, its workspace gone or not");

      holder.destroyForcibly(); // SIGKILL: its marker stays, its process does not
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, builds.prune(Long.MAX_VALUE).removed());
      assertFalse(Files.exists(dir));
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void linksAndOtherUsersDirectoriesAreNeverFollowedNorRemoved() throws Exception {
    var victim = Files.createDirectories(tmp.resolve("victim"));
    Files.write(victim.resolve("precious"), new byte[5000]);
    Files.writeString(victim.resolve("workspace"), tmp.resolve("nowhere") + "\n");
    var buildsDir = cache.ensure(BuildCache.BUILDS);
    var link = Files.createSymbolicLink(buildsDir.resolve("evil-1"), victim);

    assertEquals(List.of(), builds.list());
    assertEquals(0, builds.prune(0).removed());
    assertTrue(Files.exists(victim.resolve("precious")));
    assertTrue(Files.isSymbolicLink(link));

    assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "only root can give a directory away");
    var theirs = Files.createDirectory(buildsDir.resolve("theirs-1"));
    Files.writeString(theirs.resolve("workspace"), tmp.resolve("nowhere") + "\n");
    Files.setAttribute(theirs, "unix:uid", 65534);
    assertEquals(0, builds.prune(0).removed());
    assertTrue(Files.isDirectory(theirs, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aLinkedBuildsDirectoryIsRefused() throws Exception {
    var elsewhere = Files.createDirectories(tmp.resolve("elsewhere/app-1"));
    cache.ensure(Path.of(""));
    Files.createSymbolicLink(cache.root().resolve("builds"), elsewhere.getParent());
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, builds::list);
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> builds.prune(0));
    assertTrue(Files.isDirectory(elsewhere));
  }
}
