package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The cgroup of one run (v1: one directory per controller; v2: one directory): its limits, the
 * kernel's counters (CPU time, peak memory, OOM kills) and every task in it, which {@link
 * #killAll} kills — also those that left the process group or session.
 */
final class RunCgroup {
  private final int version;
  private final Map<String, Path> dirs;

  RunCgroup(int version, Map<String, Path> dirs) {
    this.version = version;
    this.dirs = Map.copyOf(dirs);
  }

  /** The {@code cgroup.procs} files a process writes its pid into to join the run. */
  List<Path> procsFiles() {
    return dirs.values().stream().map(d -> d.resolve("cgroup.procs")).toList();
  }

  /** The run's directories (for the watchdog, which kills their tasks if HotLSP dies). */
  Collection<Path> dirs() {
    return dirs.values();
  }

  private Path dir(String v1Controller) {
    return version == 2 ? dirs.get("") : dirs.get(v1Controller);
  }

  /** Sets the memory limit (v1: with swap, where the kernel accounts it) and the task limit. */
  void limit(OptionalLong memoryBytes, java.util.OptionalInt pids) throws IOException {
    if (memoryBytes.isPresent()) {
      String bytes = Long.toString(memoryBytes.getAsLong());
      if (version == 2) {
        Files.writeString(dir("memory").resolve("memory.max"), bytes);
        var swap = dir("memory").resolve("memory.swap.max");
        if (Files.exists(swap)) {
          Files.writeString(swap, "0");
        }
      } else {
        Files.writeString(dir("memory").resolve("memory.limit_in_bytes"), bytes);
        var memsw = dir("memory").resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
          Files.writeString(memsw, bytes);
        }
      }
    }
    if (pids.isPresent()) {
      Files.writeString(dir("pids").resolve("pids.max"), Integer.toString(pids.getAsInt()));
    }
  }

  /** Every task (process) in the run now. */
  List<Long> pids() {
    var out = new ArrayList<Long>();
    for (var line : CgroupHierarchy.read(dir("pids").resolve("cgroup.procs")).split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.strip()));
      }
    }
    return out;
  }

  /** CPU time of every task that ran in the cgroup, in ms; -1 if unreadable. */
  long cpuMs() {
    if (version == 2) {
      for (var line : CgroupHierarchy.read(dir("cpu").resolve("cpu.stat")).split("\n")) {
        if (line.startsWith("usage_usec ")) {
          return Long.parseLong(line.substring(11).strip()) / 1000;
        }
      }
      return -1;
    }
    return number(dir("cpuacct").resolve("cpuacct.usage")) / 1_000_000;
  }

  /** The peak memory use of the cgroup in KiB (RSS and page cache), -1 if unreadable. */
  long peakKiB() {
    var file = version == 2 ? dir("memory").resolve("memory.peak") : dir("memory").resolve("memory.max_usage_in_bytes");
    long bytes = number(file);
    return bytes < 0 ? -1 : bytes / 1024;
  }

  /** How many tasks the kernel's OOM killer killed in this cgroup. */
  long oomKills() {
    var file = version == 2 ? dir("memory").resolve("memory.events") : dir("memory").resolve("memory.oom_control");
    for (var line : CgroupHierarchy.read(file).split("\n")) {
      if (line.startsWith("oom_kill ")) {
        return Long.parseLong(line.substring(9).strip());
      }
    }
    // kernels before 4.13 have no oom_kill count in v1: a failed charge is the best sign left
    return version == 1 ? number(dir("memory").resolve("memory.failcnt")) > 0 ? 1 : 0 : 0;
  }

  /** How often a fork or clone failed on the task limit. */
  long pidsLimitHits() {
    for (var line : CgroupHierarchy.read(dir("pids").resolve("pids.events")).split("\n")) {
      if (line.startsWith("max ")) {
        return Long.parseLong(line.substring(4).strip());
      }
    }
    return 0;
  }

  private static long number(Path file) {
    var text = CgroupHierarchy.read(file);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * SIGKILLs every task until none is left (v2: {@code cgroup.kill} where the kernel has it; v1: the
   * cgroup is frozen first so no task forks between the reading and the kill), then returns;
   * false if tasks remain after {@code patience}.
   */
  boolean killAll(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    var kill = dir("pids").resolve("cgroup.kill");
    var freezer = version == 1 ? dirs.get("freezer").resolve("freezer.state") : null;
    while (true) {
      var pids = pids();
      if (pids.isEmpty()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      if (version == 2 && Files.exists(kill)) {
        write(kill, "1");
      } else {
        if (freezer != null) {
          write(freezer, "FROZEN");
        }
        for (long pid : pids()) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (freezer != null) {
          write(freezer, "THAWED");
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      // the cgroup is going away, or the kernel lacks the file: the next round reads the tasks again
    }
  }

  /** Removes the run's directories (they must be empty of tasks). */
  void remove() {
    for (var dir : dirs.values()) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // tasks left (killAll gave up): the watchdog or the next HotLSP tries again
      }
    }
  }
}
