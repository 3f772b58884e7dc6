package dev.hotlsp.bridge.cache;

import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.OwnedDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A live HotLSP's use of one workspace's directory in the build cache: a marker named by this
 * process ({@link OwnedDirs}, {@code .user-<pid>.<start>-*}) that {@link BuildCache} never prunes
 * past while the process runs, and the directory's record of its workspace (a file {@code
 * workspace} holding the workspace's real path), rewritten at each lease. Closing removes the
 * marker; a killed HotLSP's marker counts for nothing once its process is gone. Thread-safe.
 */
public final class CacheLease implements AutoCloseable {
  /** The start of a marker's name in a workspace's build directory. */
  static final String MARKER = ".user-";
  /** The file in a workspace's build directory that names its workspace. */
  static final String RECORD = "workspace";
  private static final int ATTEMPTS = 3;

  private final Path marker;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private CacheLease(Path marker) {
    this.marker = marker;
  }

  /**
   * Marks {@code relative} (below the cache root, created or checked as {@link CacheDirs#ensure}
   * does) as used by this process for {@code workspaceRoot}. A pruner that moved the directory away
   * between its creation and the marker is noticed, and the lease taken again on a fresh one.
   *
   * @throws IOException when the cache directory is refused or cannot be written
   */
  public static CacheLease acquire(CacheDirs cache, Path relative, Path workspaceRoot) throws IOException {
    var owned = OwnedDirs.ofThisProcess();
    for (int attempt = 1; ; attempt++) {
      var dir = cache.ensure(relative);
      try {
        var marker = owned.create(dir, MARKER);
        record(dir, workspaceRoot);
        if (Files.isDirectory(marker, LinkOption.NOFOLLOW_LINKS)) {
          return new CacheLease(marker);
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // moved away by a pruner meanwhile: take a fresh one
      }
      if (attempt == ATTEMPTS) {
        throw new IOException("the cache directory " + dir + " keeps being removed while HotLSP takes it");
      }
    }
  }

  /** The workspace a build directory records, if it names one. */
  static Optional<Path> recorded(Path dir) {
    var record = dir.resolve(RECORD);
    try {
      if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS) || Files.size(record) > 64 * 1024) {
        return Optional.empty();
      }
      var text = Files.readString(record, StandardCharsets.UTF_8).strip();
      return text.startsWith("/") && !text.contains("\0") ? Optional.of(Path.of(text)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the record afresh (a new file renamed over the old: never through a planted link). */
  private static void record(Path dir, Path workspaceRoot) throws IOException {
    Path real;
    try {
      real = workspaceRoot.toRealPath();
    } catch (IOException e) {
      real = workspaceRoot.toAbsolutePath().normalize();
    }
    var fresh = dir.resolve(RECORD + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    Files.writeString(fresh, real + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.move(fresh, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(fresh);
      throw e;
    }
  }

  /** Removes the marker: the directory may be pruned once no other live HotLSP marks it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      FileTrees.delete(marker);
    }
  }
}
