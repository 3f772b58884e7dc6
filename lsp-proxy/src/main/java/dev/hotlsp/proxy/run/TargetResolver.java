package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.graph.GoPackage;
import dev.hotlsp.bridge.graph.ImportGraph;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names a run target as {@code go build} does: {@code ./cmd/server} (relative to the workspace
 * folder) or an import path, resolved through the import graph to the import path of a main
 * package; no name means the folder's only main package. Pure.
 */
public final class TargetResolver {
  private TargetResolver() {}

  /** The import path {@code name} (empty: the only main package) denotes in {@code folder}. */
  public static String resolve(Path folder, ImportGraph graph, Optional<String> name) throws UnknownTargetException {
    if (name.isEmpty() || name.get().isBlank()) {
      var mains = graph.commands();
      if (mains.size() == 1) {
        return mains.iterator().next();
      }
      throw new UnknownTargetException(mains.isEmpty()
          ? "no main package in " + folder
          : "several main packages, name one as target: " + String.join(", ", mains));
    }
    String target = name.get();
    Optional<GoPackage> found = isRelative(target)
        ? graph.inDirectory(folder.resolve(target).toAbsolutePath().normalize())
        : graph.get(target);
    var pkg = found.orElseThrow(() -> new UnknownTargetException(
        "no package " + target + " in " + folder + "; main packages: " + String.join(", ", graph.commands())));
    if (!pkg.isCommand()) {
      throw new UnknownTargetException(target + " is not a main package; main packages: "
          + String.join(", ", graph.commands()));
    }
    return pkg.importPath();
  }

  static boolean isRelative(String target) {
    return target.equals(".") || target.startsWith("./") || target.equals("..") || target.startsWith("../");
  }
}
