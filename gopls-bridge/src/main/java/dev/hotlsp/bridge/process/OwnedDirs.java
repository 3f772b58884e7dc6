package dev.hotlsp.bridge.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Working directories that carry the process that made them in their name ({@code
 * <prefix><pid>.<start>-<random>}, the start in clock ticks since boot as {@code /proc/PID/stat}
 * gives it: fixed for a process's life, where a wall-clock start time computed from the boot time
 * moves with every step of the clock), so that one left behind by a HotLSP that died
 * without cleaning up (SIGKILL, a power cut: a build's staging directory, a run's copy of its
 * binary, megabytes each) is recognised and removed by the next HotLSP, while those of another
 * live HotLSP sharing the cache are left alone. Immutable; thread-safe.
 */
public record OwnedDirs(long pid, long start, Liveness liveness) {
  /** Whether the process {@code pid} that started at {@code start} (ticks since boot) still runs. */
  @FunctionalInterface
  public interface Liveness {
    boolean alive(long pid, long start);
  }

  private static final System.Logger LOG = System.getLogger(OwnedDirs.class.getName());

  /**
   * Running now: the pid exists, is no zombie (a killed HotLSP whose parent has not reaped it),
   * and started then; a pid whose start cannot be read counts as running.
   */
  private static final Liveness PROCESSES = (pid, start) -> {
    var stat = stat(pid);
    if (stat.isEmpty()) {
      return Files.exists(Path.of("/proc", Long.toString(pid)));
    }
    var fields = stat.get();
    boolean ended = fields[0].equals("Z") || fields[0].equals("X");
    return !ended && (fields.length <= 19 || fields[19].equals(Long.toString(start)));
  };

  /** This JVM's directories, judging others by the processes running now. */
  public static OwnedDirs ofThisProcess() {
    long self = ProcessHandle.current().pid();
    return new OwnedDirs(self, startTicks(self).orElse(0), PROCESSES);
  }

  /** When process {@code pid} started, in clock ticks since boot (field 22 of /proc/PID/stat). */
  public static java.util.OptionalLong startTicks(long pid) {
    try {
      return java.util.OptionalLong.of(Long.parseLong(stat(pid).orElseThrow()[22 - 3]));
    } catch (RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** The fields of /proc/PID/stat from the state (field 3) on; empty if it cannot be read. */
  private static java.util.Optional<String[]> stat(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return java.util.Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * A new, empty directory in {@code parent} named {@code prefix} + this process; {@code prefix}
   * is a plain file name start (no separator).
   */
  public Path create(Path parent, String prefix) throws IOException {
    return Files.createTempDirectory(parent, checked(prefix) + pid + "." + start + "-");
  }

  /**
   * Removes the {@code prefix} directories in {@code parent} whose process no longer runs (a link
   * with such a name is removed, never followed; an entry another user owns is never touched, as
   * in a shared {@code /tmp}); the number removed. A missing parent has none.
   */
  public int sweep(Path parent, String prefix) {
    var pattern = pattern(prefix);
    int removed = 0;
    try (var entries = Files.newDirectoryStream(parent)) {
      for (var entry : entries) {
        var m = pattern.matcher(entry.getFileName().toString());
        if (m.matches() && !ownerRuns(parseOr(m.group(1)), parseOr(m.group(2))) && mine(entry)) {
          removed += remove(entry) ? 1 : 0;
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // no parent yet: nothing left behind
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot look for leftovers in " + parent + ": " + e.getMessage());
    }
    return removed;
  }

  /**
   * Whether {@code parent} holds a {@code prefix} entry of a process that runs now (this one
   * included): how a directory in use by a live HotLSP is told. A missing parent holds none.
   */
  public boolean anyLive(Path parent, String prefix) {
    var pattern = pattern(prefix);
    try (var entries = Files.newDirectoryStream(parent)) {
      for (var entry : entries) {
        var m = pattern.matcher(entry.getFileName().toString());
        if (m.matches() && ownerRuns(parseOr(m.group(1)), parseOr(m.group(2)))) {
          return true;
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      return false;
    }
    return false;
  }

  private static Pattern pattern(String prefix) {
    return Pattern.compile(Pattern.quote(checked(prefix)) + "(\\d{1,19})\\.(\\d{1,19})-.*");
  }

  /** Whether this process's user owns {@code entry} itself (a link is not followed). */
  private static boolean mine(Path entry) {
    try {
      return Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS)
          .equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private boolean ownerRuns(long owner, long start) {
    if (owner == pid && start == this.start) {
      return true;
    }
    return owner >= 0 && start >= 0 && liveness.alive(owner, start);
  }

  /** Removes a directory tree, or a link or file with the name; true when nothing is left. */
  private static boolean remove(Path entry) {
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return FileTrees.delete(entry);
    }
    try {
      Files.deleteIfExists(entry);
      return true;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove " + entry + ": " + e.getMessage());
      return false;
    }
  }

  private static long parseOr(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String checked(String prefix) {
    if (prefix.isEmpty() || prefix.contains("/") || prefix.contains("\0")) {
      throw new IllegalArgumentException("not a file name prefix: " + prefix);
    }
    return prefix;
  }
}
