package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One process as Linux's {@code /proc/PID/stat} and {@code /proc/PID/cwd} describe it: its
 * command name and state letter ({@code R}, {@code S}, {@code Z} for a zombie...).
 */
public record ProcStat(long pid, String comm, char state) {
  public ProcStat {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid " + pid);
    }
  }

  /** The process now, or empty when it is gone. */
  public static Optional<ProcStat> of(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      return Optional.of(new ProcStat(pid, stat.substring(open + 1, close), stat.charAt(close + 2)));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** Every process whose command name is {@code comm} and whose working directory is {@code cwd}. */
  public static Stream<ProcStat> named(String comm, Path cwd) {
    try (var entries = Files.list(Path.of("/proc"))) {
      var pids = entries.map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList();
      return pids.stream()
          .flatMap(pid -> of(pid).stream())
          .filter(p -> p.comm().equals(comm) && p.cwd().filter(cwd::equals).isPresent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("listing /proc", e);
    }
  }

  /** The working directory, or empty when the process is gone or not ours to read. */
  public Optional<Path> cwd() {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Running or sleeping: neither gone nor a zombie waiting to be reaped (which has exited). */
  public boolean live() {
    return state != 'Z' && state != 'X';
  }

  /** Whether {@code pid} is a live process named {@code comm} (a reused pid with another name is not). */
  public static boolean isLive(long pid, String comm) {
    return of(pid).filter(p -> p.live() && p.comm().equals(comm)).isPresent();
  }
}
