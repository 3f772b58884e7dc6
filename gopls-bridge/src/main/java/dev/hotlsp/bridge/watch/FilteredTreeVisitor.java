package dev.hotlsp.bridge.watch;

import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Walks a tree for directory-watcher, skipping excluded directories so they get no inotify watch,
 * and ignoring entries that vanish or cannot be read during the walk. Symlinks are not followed.
 */
final class FilteredTreeVisitor implements FileTreeVisitor {
  private final PathFilter filter;

  FilteredTreeVisitor(PathFilter filter) {
    this.filter = filter;
  }

  @Override
  public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile)
      throws IOException {
    if (filter.excludes(start) || !Files.exists(start)) {
      return;
    }
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (filter.excludes(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            onDirectory.call(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!filter.excludes(file)) {
              onFile.call(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
