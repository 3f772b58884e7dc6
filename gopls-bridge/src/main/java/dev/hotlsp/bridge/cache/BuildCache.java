package dev.hotlsp.bridge.cache;

import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.OwnedDirs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The workspaces' directories of binaries in the cache ({@code <cache>/hotlsp/builds/*}): what each
 * holds, and pruning — a directory whose recorded workspace is gone, then the least recently used
 * beyond a cap in bytes, never one a live HotLSP marks ({@link CacheLease}). A directory is first
 * renamed away and looked at again, so a HotLSP that takes it meanwhile either keeps it (renamed
 * back) or notices and takes a fresh one. Only real directories this user owns are listed or
 * removed; nothing is followed through a symlink. Thread-safe.
 */
public final class BuildCache {
  /** The builds' directory below the cache root. */
  public static final Path BUILDS = Path.of("builds");
  /** The start of the name a directory being removed gets (a killed pruner's is swept). */
  static final String TRASH = ".prune-";
  private static final System.Logger LOG = System.getLogger(BuildCache.class.getName());

  /**
   * One workspace's directory.
   *
   * @param workspace the workspace it records; empty when it records none (made before records)
   * @param gone the recorded workspace no longer exists
   * @param lastUsed the last lease or build (the later of the record's and the directory's mtime)
   * @param inUse a live HotLSP marks it
   */
  public record Entry(Path dir, Optional<Path> workspace, boolean gone, long bytes, Instant lastUsed, boolean inUse) {}

  /** What a prune did: directories and bytes removed, and what is left. */
  public record Pruned(int removed, long bytesRemoved, int left, long bytesLeft, int inUse) {}

  private final CacheDirs cache;
  private final OwnedDirs owned;

  public BuildCache(CacheDirs cache) {
    this(cache, OwnedDirs.ofThisProcess());
  }

  BuildCache(CacheDirs cache, OwnedDirs owned) {
    this.cache = cache;
    this.owned = owned;
  }

  /** The builds' directory (it may not exist). */
  public Path dir() {
    return cache.root().resolve(BUILDS);
  }

  /**
   * Every workspace's directory, least recently used first; none when there is no builds
   * directory yet.
   *
   * @throws IOException when a cache level is refused ({@link CacheDirs#ensure}) or cannot be read
   */
  public List<Entry> list() throws IOException {
    if (!Files.isDirectory(dir(), LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir())) {
      return List.of();
    }
    var builds = cache.ensure(BUILDS);
    var uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    var out = new ArrayList<Entry>();
    try (var entries = Files.newDirectoryStream(builds)) {
      for (var dir : entries) {
        if (dir.getFileName().toString().startsWith(".")) {
          continue; // a pruner's work in progress
        }
        var attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory() || !uid.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
          continue;
        }
        var workspace = CacheLease.recorded(dir);
        var used = attrs.lastModifiedTime().toInstant();
        var record = dir.resolve(CacheLease.RECORD);
        if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
          var recorded = Files.getLastModifiedTime(record, LinkOption.NOFOLLOW_LINKS).toInstant();
          used = recorded.isAfter(used) ? recorded : used;
        }
        out.add(new Entry(dir, workspace, workspace.map(w -> !Files.exists(w)).orElse(false), bytes(dir), used,
            owned.anyLive(dir, CacheLease.MARKER)));
      }
    }
    out.sort(Comparator.comparing(Entry::lastUsed));
    return List.copyOf(out);
  }

  /**
   * Removes the directories no live HotLSP uses whose workspace is gone, then the least recently
   * used until all of them together take at most {@code maxBytes} (0: every one not in use).
   */
  public Pruned prune(long maxBytes) throws IOException {
    if (Files.isDirectory(dir(), LinkOption.NOFOLLOW_LINKS)) {
      owned.sweep(cache.ensure(BUILDS), TRASH);
    }
    var kept = new ArrayList<Entry>();
    int removed = 0;
    long bytesRemoved = 0;
    for (var entry : list()) {
      if (entry.gone() && !entry.inUse() && remove(entry)) {
        removed++;
        bytesRemoved += entry.bytes();
      } else {
        kept.add(entry);
      }
    }
    long total = kept.stream().mapToLong(Entry::bytes).sum();
    for (var entry : List.copyOf(kept)) { // least recently used first
      if (total <= maxBytes) {
        break;
      }
      if (!entry.inUse() && remove(entry)) {
        removed++;
        bytesRemoved += entry.bytes();
        total -= entry.bytes();
        kept.remove(entry);
      }
    }
    int inUse = (int) kept.stream().filter(Entry::inUse).count();
    return new Pruned(removed, bytesRemoved, kept.size(), total, inUse);
  }

  /** Moves the directory away, looks at its markers again, then removes it; false if it is in use. */
  private boolean remove(Entry entry) throws IOException {
    if (owned.anyLive(entry.dir(), CacheLease.MARKER)) {
      return false;
    }
    var trash = owned.create(entry.dir().getParent(), TRASH); // rename replaces this empty directory
    try {
      Files.move(entry.dir(), trash, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      FileTrees.delete(trash);
      return false; // another pruner took it, or it is not ours to move
    }
    if (owned.anyLive(trash, CacheLease.MARKER)) { // a HotLSP took it just now: give it back
      try {
        Files.move(trash, entry.dir(), StandardCopyOption.ATOMIC_MOVE);
        return false;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "a HotLSP took " + entry.dir() + " afresh while it was pruned: " + e);
      }
    }
    FileTrees.delete(trash);
    return true;
  }

  /** The bytes of the regular files below {@code dir}, never following a link. */
  static long bytes(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            total[0] += attrs.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // what could be read
    }
    return total[0];
  }
}
