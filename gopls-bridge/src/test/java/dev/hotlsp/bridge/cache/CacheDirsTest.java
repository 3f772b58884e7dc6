package dev.hotlsp.bridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HotLSP's cache directories: created private, and refused rather than followed when they are not. */
class CacheDirsTest {
  @TempDir Path tmp;

  @Test
  void theCacheComesFromXdgCacheHomeThenHome() {
    assertEquals(Path.of("/x/cache/hotlsp"),
        CacheDirs.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/u")).root());
    assertEquals(Path.of("/home/u/.cache/hotlsp"),
        CacheDirs.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative/is/ignored", "HOME", "/home/u")).root());
    assertEquals(Path.of("/home/u/.cache/hotlsp"), CacheDirs.fromEnvironment(Map.of("HOME", "/home/u")).root());
  }

  @Test
  void everyLevelIsCreatedPrivate() throws IOException {
    var cache = new CacheDirs(tmp.resolve("xdg"));
    var dir = cache.ensure(Path.of("builds/ws-1234"));
    assertEquals(tmp.resolve("xdg/hotlsp/builds/ws-1234"), dir);
    for (var level : new Path[] {cache.root(), cache.root().resolve("builds"), dir}) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(level)), level::toString);
    }
    assertEquals(dir, cache.ensure(Path.of("builds/ws-1234")), "an existing private directory is accepted");
  }

  @Test
  void aPlantedSymlinkAtAnyLevelIsRefusedNotFollowed() throws IOException {
    var elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    var cache = new CacheDirs(tmp.resolve("xdg"));
    Files.createDirectories(cache.root());
    Files.setPosixFilePermissions(cache.root(), PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(cache.root().resolve("builds"), elsewhere);

    var refused = assertThrows(IOException.class, () -> cache.ensure(Path.of("builds/ws-1234")));

    assertTrue(refused.getMessage().contains("builds: it is a symbolic link"), refused.getMessage());
    assertEmpty(elsewhere);
    var top = new CacheDirs(tmp.resolve("xdg2"));
    Files.createDirectories(top.base());
    Files.createSymbolicLink(top.root(), elsewhere);
    assertThrows(IOException.class, () -> top.ensure(Path.of("builds")));
    assertEmpty(elsewhere);
  }

  @Test
  void aDirectoryOpenToOthersIsRefused() throws IOException {
    var cache = new CacheDirs(tmp.resolve("xdg"));
    var builds = Files.createDirectories(cache.root().resolve("builds"));
    Files.setPosixFilePermissions(cache.root(), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(builds, PosixFilePermissions.fromString("rwxrwxrwx"));

    var refused = assertThrows(IOException.class, () -> cache.ensure(Path.of("builds/ws-1234")));

    assertTrue(refused.getMessage().contains("mode is rwxrwxrwx, not rwx------"), refused.getMessage());
    assertFalse(Files.exists(builds.resolve("ws-1234")));
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a directory away");
    var cache = new CacheDirs(tmp.resolve("xdg"));
    var builds = Files.createDirectories(cache.root().resolve("builds"));
    Files.setPosixFilePermissions(cache.root(), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(builds, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(builds, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    var refused = assertThrows(IOException.class, () -> cache.ensure(Path.of("builds/ws-1234")));

    assertTrue(refused.getMessage().contains("it is owned by"), refused.getMessage());
  }

  private static void assertEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(java.util.List.of(), files.toList(), "nothing is written through the link");
    }
  }
}
