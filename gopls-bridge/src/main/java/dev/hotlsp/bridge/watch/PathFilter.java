package dev.hotlsp.bridge.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which paths under the roots are watched: never anything inside a directory named {@code
 * .git}, {@code node_modules} or {@code .hotlsp} (HotLSP's own output), nor a path whose
 * root-relative form matches a configured glob. Immutable; thread-safe.
 */
public final class PathFilter {
  /** Directory names that are never watched, at any depth. */
  public static final Set<String> EXCLUDED_NAMES = Set.of(".git", "node_modules", ".hotlsp");

  private final List<Path> roots;
  private final List<PathMatcher> globs;

  public PathFilter(List<Path> roots, List<String> excludeGlobs) {
    this.roots =
        roots.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
            .toList();
    var fs = FileSystems.getDefault();
    this.globs = excludeGlobs.stream().map(g -> fs.getPathMatcher("glob:" + g)).toList();
  }

  public static PathFilter of(WatchConfig config) {
    return new PathFilter(config.roots(), config.excludeGlobs());
  }

  /** True when {@code path} is under no root, or is excluded by name or glob. */
  public boolean excludes(Path path) {
    var abs = path.toAbsolutePath().normalize();
    var root = rootOf(abs);
    if (root.isEmpty()) {
      return true;
    }
    var relative = root.get().relativize(abs);
    if (relative.toString().isEmpty()) {
      return false;
    }
    for (var name : relative) {
      if (EXCLUDED_NAMES.contains(name.toString())) {
        return true;
      }
    }
    return globs.stream().anyMatch(m -> m.matches(relative));
  }

  private Optional<Path> rootOf(Path abs) {
    return roots.stream().filter(abs::startsWith).findFirst();
  }
}
