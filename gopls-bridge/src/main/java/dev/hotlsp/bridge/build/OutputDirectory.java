package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.cache.CacheLease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where the binaries of one workspace go: a private directory in the user's cache, {@code
 * <cache>/hotlsp/builds/<folder name>-<hash of the workspace's real path>}, never inside the
 * workspace. A target's file name is its import path made safe (only {@code [A-Za-z0-9._-]}, at
 * most 64 characters, never starting with a dot) plus a hash of the whole import path, so it
 * cannot leave the directory and two targets never share a file. Immutable; thread-safe.
 */
public record OutputDirectory(CacheDirs cache, Path relative) {
  private static final int NAME_CHARS = 64;

  public OutputDirectory {
    Objects.requireNonNull(cache, "cache");
    if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
      throw new IllegalArgumentException("not below the cache: " + relative);
    }
  }

  /** The output directory of the workspace rooted at {@code workspaceRoot}. */
  public static OutputDirectory of(CacheDirs cache, Path workspaceRoot) {
    var root = realPathIfPossible(workspaceRoot);
    var folder = root.getFileName() == null ? "root" : root.getFileName().toString();
    return new OutputDirectory(
        cache, Path.of("builds", safeName(folder, 32) + "-" + hash(root.toString(), 16)));
  }

  /** The absolute path of the directory (it may not exist yet). */
  public Path dir() {
    return cache.root().resolve(relative);
  }

  /** The output file of {@code target} (an import path): always directly inside {@link #dir()}. */
  public Path binaryOf(String target) {
    return dir().resolve(safeName(target, NAME_CHARS) + "-" + hash(target, 12));
  }

  /**
   * Marks the directory as used by this HotLSP for {@code workspaceRoot} until the lease is closed
   * (creating it as {@link #ensure} does), so no other HotLSP prunes it; see {@link CacheLease}.
   */
  public CacheLease lease(Path workspaceRoot) throws IOException {
    return CacheLease.acquire(cache, relative, workspaceRoot);
  }

  /** Creates the directory (and the cache levels above it) privately, or checks them; see {@link CacheDirs#ensure}. */
  Path ensure() throws IOException {
    return cache.ensure(relative);
  }

  /** {@code text} with every character outside {@code [A-Za-z0-9._-]} replaced, its tail kept. */
  private static String safeName(String text, int max) {
    var safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > max) {
      safe = safe.substring(safe.length() - max);
    }
    if (safe.isEmpty() || safe.startsWith(".") || safe.startsWith("-")) {
      safe = "_" + safe;
    }
    return safe;
  }

  private static String hash(String text, int hexChars) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static Path realPathIfPossible(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
