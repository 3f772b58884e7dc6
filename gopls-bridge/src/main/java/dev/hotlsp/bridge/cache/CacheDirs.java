package dev.hotlsp.bridge.cache;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * HotLSP's directory in the user's cache ({@code $XDG_CACHE_HOME/hotlsp}, else {@code
 * ~/.cache/hotlsp}) and the private directories below it: each level is created 0700 or, if it
 * exists, accepted only as a real directory (not a symlink) owned by this user with no access for
 * group or others. Immutable; thread-safe.
 *
 * @param base the cache directory of the user ({@code $XDG_CACHE_HOME}); HotLSP's own is {@code
 *     base/hotlsp}
 */
public record CacheDirs(Path base) {
  private static final String APP = "hotlsp";
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  public CacheDirs {
    base = base.toAbsolutePath().normalize();
  }

  /**
   * The cache of the environment's user: {@code XDG_CACHE_HOME} if it is an absolute path (the
   * XDG rule), else {@code HOME/.cache}, else {@code user.home/.cache}.
   */
  public static CacheDirs fromEnvironment(Map<String, String> environment) {
    var xdg = environment.getOrDefault("XDG_CACHE_HOME", "");
    if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return new CacheDirs(Path.of(xdg));
    }
    var home = environment.getOrDefault("HOME", "");
    if (home.isEmpty() || !Path.of(home).isAbsolute()) {
      home = System.getProperty("user.home");
    }
    return new CacheDirs(Path.of(home, ".cache"));
  }

  /** HotLSP's directory: {@code base/hotlsp}. */
  public Path root() {
    return base.resolve(APP);
  }

  /**
   * Creates (0700) or checks each directory from {@code root()} down to {@code root()/relative},
   * never through a symlink, and returns the last. The base itself is the user's and is only
   * created if missing.
   *
   * @throws IOException with one sentence naming the directory when a level is a symlink, not a
   *     directory, owned by another user or open to group or others
   */
  public Path ensure(Path relative) throws IOException {
    if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
      throw new IllegalArgumentException("not below the cache: " + relative);
    }
    Files.createDirectories(base, PosixFilePermissions.asFileAttribute(PRIVATE));
    var owner = currentUid();
    var dir = ensureLevel(root(), owner);
    for (var name : relative.normalize()) {
      if (!name.toString().isEmpty()) {
        dir = ensureLevel(dir.resolve(name), owner);
      }
    }
    return dir;
  }

  private static Path ensureLevel(Path dir, int owner) throws IOException {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
      // the umask may only have narrowed it; say it exactly
      Files.setPosixFilePermissions(dir, PRIVATE);
      return dir;
    } catch (FileAlreadyExistsException e) {
      // mkdir never follows a symlink: whatever is there is checked below without following it
    }
    var attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isSymbolicLink()) {
      throw refused(dir, "it is a symbolic link");
    }
    if (!attrs.isDirectory()) {
      throw refused(dir, "it is not a directory");
    }
    int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (uid != owner) {
      throw refused(dir, "it is owned by " + attrs.owner().getName() + " (uid " + uid + "), not uid " + owner);
    }
    if (!attrs.permissions().equals(PRIVATE)) {
      throw refused(
          dir,
          "its mode is " + PosixFilePermissions.toString(attrs.permissions()) + ", not rwx------");
    }
    return dir;
  }

  private static IOException refused(Path dir, String why) {
    return new IOException(
        "HotLSP refuses its cache directory " + dir + ": " + why + " (remove it to let HotLSP"
            + " create it afresh)");
  }

  /** This process's user id: the owner of {@code /proc/self} (no user name needed, unlike a lookup). */
  private static int currentUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }
}
