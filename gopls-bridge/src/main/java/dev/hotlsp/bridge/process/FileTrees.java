package dev.hotlsp.bridge.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes directory trees HotLSP made (staging, scratch and run directories). */
public final class FileTrees {
  private static final System.Logger LOG = System.getLogger(FileTrees.class.getName());

  private FileTrees() {}

  /**
   * Deletes {@code dir} and everything in it, depth first, never following a symlink (a link is
   * removed, not what it points to); a failure is logged, not thrown. True when nothing is left.
   */
  public static boolean delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
      return !Files.exists(dir);
    }
  }
}
