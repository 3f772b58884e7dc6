package dev.hotlsp.proxy.check;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Go files {@code check} opens under a directory, as the go command sees a module's tree:
 * names starting with {@code .} or {@code _}, {@code vendor}, {@code testdata} and
 * {@code node_modules} are skipped. A directory or file that cannot be read is skipped with a
 * warning, never a failure of the whole walk.
 */
final class GoFiles {
  private GoFiles() {}

  /**
   * The sorted Go files under {@code dir}; {@code warning} receives one line per path skipped
   * because it could not be read.
   *
   * @throws IOException when {@code dir} itself cannot be read
   */
  static List<Path> under(Path dir, Consumer<String> warning) throws IOException {
    var files = new ArrayList<Path>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        return d.equals(dir) || !skipped(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (f.getFileName().toString().endsWith(".go") && !skipped(f) && Files.isRegularFile(f)) {
          files.add(f);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (f.equals(dir)) {
          throw e;
        }
        if (!skipped(f)) {
          warning.accept("cannot read " + f + " (" + reason(e) + "): skipped");
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          if (d.equals(dir)) {
            throw e;
          }
          warning.accept("cannot read all of " + d + " (" + reason(e) + "): the rest was skipped");
        }
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(null);
    return files;
  }

  private static boolean skipped(Path path) {
    var name = path.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_") || name.equals("vendor") || name.equals("testdata")
        || name.equals("node_modules");
  }

  /** What went wrong, without the path the caller already prints. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
