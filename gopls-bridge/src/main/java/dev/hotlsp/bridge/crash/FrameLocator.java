package dev.hotlsp.bridge.crash;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the workspace file a frame's file names, in three steps: the absolute path itself; else,
 * for a {@code -trimpath} build, module path → module directory; else (a trace from another
 * machine) the longest path suffix that names exactly one workspace file. Two files with an equally
 * long matching suffix map nowhere, never to a guess. Pure given its {@link WorkspaceIndex};
 * remembers answers, so not thread-safe.
 */
public final class FrameLocator {
  private final WorkspaceIndex index;
  private final List<Map.Entry<String, Path>> modulesLongestFirst;
  private final Map<String, List<String[]>> byName = new HashMap<>();
  private final Map<String, List<Path>> pathsByName = new HashMap<>();
  private final Map<String, Optional<Path>> memo = new HashMap<>();

  public FrameLocator(WorkspaceIndex index) {
    this.index = index;
    this.modulesLongestFirst = index.modules().entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed())
        .toList();
    for (Path file : index.files()) {
      String name = file.getFileName().toString();
      byName.computeIfAbsent(name, n -> new ArrayList<>()).add(components(file.toString()));
      pathsByName.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
    }
  }

  /** The workspace file {@code file} (as a trace prints it) names, if exactly one. */
  public Optional<Path> locate(String file) {
    return memo.computeIfAbsent(file, this::find);
  }

  /**
   * The workspace file {@code file} names by the first two steps only (its absolute path, or module
   * path → directory): a frame whose function is not known to be the workspace's (a recoverer that
   * prints short names, as gin does) is placed only where its file is certainly the workspace's.
   */
  public Optional<Path> locateExactly(String file) {
    return exact(file);
  }

  /** Whether {@code function} (with its package path) belongs to one of the workspace's modules. */
  public boolean userFunction(String function) {
    String pkg = StackFrame.packageOf(function);
    if (pkg.equals("main")) {
      return true;
    }
    for (var module : modulesLongestFirst) {
      String path = module.getKey();
      if (pkg.equals(path) || (pkg.startsWith(path) && pkg.charAt(path.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  private Optional<Path> find(String file) {
    var exact = exact(file);
    return exact.isPresent() ? exact : bySuffix(file.replace('\\', '/'));
  }

  private Optional<Path> exact(String file) {
    String slashed = file.replace('\\', '/');
    if (absolute(slashed)) {
      try {
        var path = Path.of(file).normalize();
        if (index.files().contains(path)) {
          return Optional.of(path);
        }
      } catch (InvalidPathException e) {
        // not a path on this system: try the suffix rule
      }
    } else {
      for (var module : modulesLongestFirst) {
        String prefix = module.getKey() + "/";
        if (slashed.startsWith(prefix)) {
          var path = module.getValue().resolve(slashed.substring(prefix.length())).normalize();
          if (index.files().contains(path)) {
            return Optional.of(path);
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Path> bySuffix(String file) {
    String[] parts = components(file);
    if (parts.length == 0) {
      return Optional.empty();
    }
    var candidates = byName.get(parts[parts.length - 1]);
    if (candidates == null) {
      return Optional.empty();
    }
    int best = 0;
    int bestIndex = -1;
    boolean tie = false;
    for (int c = 0; c < candidates.size(); c++) {
      String[] other = candidates.get(c);
      int n = 0;
      while (n < parts.length && n < other.length
          && parts[parts.length - 1 - n].equals(other[other.length - 1 - n])) {
        n++;
      }
      if (n > best) {
        best = n;
        bestIndex = c;
        tie = false;
      } else if (n == best) {
        tie = true;
      }
    }
    if (bestIndex < 0 || tie) {
      return Optional.empty();
    }
    return Optional.of(pathsByName.get(parts[parts.length - 1]).get(bestIndex));
  }

  private static boolean absolute(String file) {
    return file.startsWith("/") || (file.length() > 2 && file.charAt(1) == ':' && file.charAt(2) == '/');
  }

  private static String[] components(String file) {
    return Arrays.stream(file.replace('\\', '/').split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
