package dev.hotlsp.proxy.web;

import dev.hotlsp.bridge.cache.CacheDirs;
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

/**
 * The playground mode's workspaces: per connection, a fresh copy of the template directory in
 * the user's cache ({@code hotlsp/web/session-<pid>.<start>-*}, private, made through
 * {@link CacheDirs} and {@link OwnedDirs}), removed when the session ends; the copies of a HotLSP
 * that died are removed at the next start. The copy never follows a link: links in the template
 * are left out, as are {@code .git} directories.
 */
final class ScratchWorkspaces {
  private static final String PREFIX = "session-";
  private final Path template;
  private final Path parent;
  private final OwnedDirs owned;

  private ScratchWorkspaces(Path template, Path parent, OwnedDirs owned) {
    this.template = template;
    this.parent = parent;
    this.owned = owned;
  }

  /** Prepares {@code cache}'s directory for the copies of {@code template}, removing a dead HotLSP's. */
  static ScratchWorkspaces open(Path template, CacheDirs cache) throws IOException {
    var parent = cache.ensure(Path.of("web"));
    var owned = OwnedDirs.ofThisProcess();
    owned.sweep(parent, PREFIX);
    return new ScratchWorkspaces(template.toRealPath(), parent, owned);
  }

  /** A new copy of the template. */
  Path create() throws IOException {
    var dir = owned.create(parent, PREFIX);
    try {
      copy(template, dir);
      return dir;
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(dir);
      throw e;
    }
  }

  /** Removes a copy made by {@link #create}. */
  void remove(Path dir) {
    if (dir.getParent() != null && dir.getParent().equals(parent)) {
      FileTrees.delete(dir);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && dir.getFileName().toString().equals(".git")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
              LinkOption.NOFOLLOW_LINKS);
        }
        return FileVisitResult.CONTINUE; // links, devices, pipes: left out
      }
    });
  }
}
