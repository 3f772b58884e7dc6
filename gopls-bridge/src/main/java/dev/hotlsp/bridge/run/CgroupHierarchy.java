package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where HotLSP may make cgroups: under its own cgroup, in the unified hierarchy (v2) or in the
 * memory, pids, cpuacct and freezer hierarchies (v1), in a parent {@code hotlsp/<pid>} of its own.
 * Read from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}; usable only if a cgroup
 * can be made there (and, for v2, the controllers enabled for it).
 */
final class CgroupHierarchy {
  /** The v1 controllers a run needs, each a directory of its own. */
  static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpuacct", "freezer");

  private final int version;
  /** v1: controller → HotLSP's own cgroup in that hierarchy; v2: "" → its own cgroup. */
  private final Map<String, Path> own;

  CgroupHierarchy(int version, Map<String, Path> own) {
    this.version = version;
    this.own = Map.copyOf(own);
  }

  int version() {
    return version;
  }

  /** Finds the hierarchy from the proc files (paths given for tests); empty with the reason why not. */
  static Result detect(Path mountinfo, Path selfCgroup) {
    List<String> mounts;
    List<String> memberships;
    try {
      mounts = Files.readAllLines(mountinfo);
      memberships = Files.readAllLines(selfCgroup);
    } catch (IOException e) {
      return Result.none("cannot read " + mountinfo + " or " + selfCgroup + ": " + e.getMessage());
    }
    var v1Mounts = new HashMap<String, String[]>();
    String[] v2Mount = null;
    for (var line : mounts) {
      var parts = line.split(" ");
      int dash = List.of(parts).indexOf("-");
      if (dash < 0 || dash + 3 >= parts.length) {
        continue;
      }
      String fsType = parts[dash + 1];
      var mount = new String[] {unescape(parts[3]), unescape(parts[4])};
      if (fsType.equals("cgroup2")) {
        v2Mount = mount;
      } else if (fsType.equals("cgroup")) {
        for (var option : parts[dash + 3].split(",")) {
          v1Mounts.put(option, mount);
        }
      }
    }
    var paths = new HashMap<String, String>();
    for (var line : memberships) {
      var parts = line.split(":", 3);
      if (parts.length == 3) {
        for (var controller : parts[1].split(",")) {
          paths.put(controller, parts[2]);
        }
      }
    }
    var own = new LinkedHashMap<String, Path>();
    if (V1_CONTROLLERS.stream().allMatch(v1Mounts::containsKey)) {
      for (var controller : V1_CONTROLLERS) {
        var mount = v1Mounts.get(controller);
        var path = paths.get(controller);
        if (path == null) {
          return Result.none("this process is in no " + controller + " cgroup");
        }
        own.put(controller, below(mount, path));
      }
      return Result.of(new CgroupHierarchy(1, own));
    }
    if (v2Mount != null && paths.containsKey("")) {
      var dir = below(v2Mount, paths.get(""));
      String controllers = read(Path.of(v2Mount[1], "cgroup.controllers"));
      if (controllers.contains("memory") && controllers.contains("pids")) {
        own.put("", dir);
        return Result.of(new CgroupHierarchy(2, own));
      }
    }
    var missing = new ArrayList<String>();
    for (var controller : V1_CONTROLLERS) {
      if (!v1Mounts.containsKey(controller)) {
        missing.add(controller);
      }
    }
    return Result.none("no cgroup v2 with memory and pids controllers, and no cgroup v1 hierarchy for " + missing);
  }

  /** The directory of cgroup {@code path} in a mount whose root is mount[0], mounted at mount[1]. */
  private static Path below(String[] mount, String path) {
    String root = mount[0];
    String relative = path.startsWith(root) ? path.substring(root.length()) : path;
    return Path.of(mount[1], relative.replaceFirst("^/+", ""));
  }

  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }

  static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** HotLSP's parent directories for the runs of process {@code pid}, one per hierarchy. */
  List<Path> parents(long pid) {
    return own.values().stream().map(dir -> dir.resolve("hotlsp").resolve(Long.toString(pid))).toList();
  }

  /**
   * Makes the cgroup of one run ({@code hotlsp/<pid>/<runId>} in each hierarchy); v2 enables the
   * memory, pids and cpu controllers on the way down.
   */
  RunCgroup create(long pid, String runId) throws IOException {
    var dirs = new LinkedHashMap<String, Path>();
    for (var entry : own.entrySet()) {
      var top = entry.getValue().resolve("hotlsp");
      var parent = top.resolve(Long.toString(pid));
      if (version == 2) {
        Files.createDirectories(parent);
        enableControllers(entry.getValue());
        enableControllers(top);
        enableControllers(parent);
      }
      var dir = parent.resolve(runId);
      Files.createDirectories(dir);
      dirs.put(entry.getKey(), dir);
    }
    return new RunCgroup(version, dirs);
  }

  private static void enableControllers(Path dir) throws IOException {
    var available = read(dir.resolve("cgroup.controllers"));
    var wanted = new StringBuilder();
    for (var controller : List.of("memory", "pids", "cpu")) {
      if ((" " + available + " ").contains(" " + controller + " ")) {
        wanted.append('+').append(controller).append(' ');
      }
    }
    if (!wanted.isEmpty()) {
      Files.writeString(dir.resolve("cgroup.subtree_control"), wanted.toString().strip());
    }
  }

  /** Tries to make and remove a cgroup in each hierarchy; the reason it failed, if it did. */
  Optional<String> writable(long pid) {
    String probe = "probe-" + System.nanoTime();
    try {
      var cgroup = create(pid, probe);
      cgroup.remove();
      for (var parent : parents(pid)) {
        removeIfEmpty(parent);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot make a cgroup under " + own.values() + ": " + e);
    }
  }

  /** Removes an (empty) HotLSP parent directory and its {@code hotlsp} parent if that is empty too. */
  static void removeIfEmpty(Path parent) {
    try {
      Files.deleteIfExists(parent);
      Files.deleteIfExists(parent.getParent());
    } catch (IOException | RuntimeException e) {
      // still in use by another run or another HotLSP
    }
  }

  /** A hierarchy, or why there is none. */
  record Result(Optional<CgroupHierarchy> hierarchy, String reason) {
    static Result of(CgroupHierarchy h) {
      return new Result(Optional.of(h), "");
    }

    static Result none(String reason) {
      return new Result(Optional.empty(), reason);
    }
  }

  @Override
  public String toString() {
    return "cgroup v" + version + " " + own.values();
  }
}
