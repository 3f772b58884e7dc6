package dev.hotlsp.bridge.crash;

import dev.hotlsp.bridge.graph.GoWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Go files of a workspace (absolute, normalised paths) and its modules (module path → module
 * directory): all that mapping a crash needs to know about the disk. Immutable.
 */
public record WorkspaceIndex(Path root, Set<Path> files, Map<String, Path> modules) {
  private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"/]+[^\\s\"]*)\"?\\s*(//.*)?$");

  public WorkspaceIndex {
    root = root.toAbsolutePath().normalize();
    files = Set.copyOf(files.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    modules = Map.copyOf(modules);
  }

  /**
   * Reads the modules' go.mod files and lists the Go files under each module directory (hidden
   * directories, {@code _…}, {@code testdata} and {@code vendor} left out).
   */
  public static WorkspaceIndex scan(GoWorkspace workspace) throws IOException {
    var modules = new LinkedHashMap<String, Path>();
    var files = new HashSet<Path>();
    for (Path dir : workspace.moduleDirs()) {
      var goMod = dir.resolve("go.mod");
      if (Files.isRegularFile(goMod)) {
        var m = MODULE.matcher(Files.readString(goMod, StandardCharsets.UTF_8));
        if (m.find()) {
          modules.put(m.group(1), dir);
        }
      }
      walk(dir, files);
    }
    return new WorkspaceIndex(workspace.root(), files, modules);
  }

  /**
   * The directory of the package {@code importPath} of one of the modules (the longest module path
   * that is a prefix of it); empty for a package of no workspace module.
   */
  public java.util.Optional<Path> packageDir(String importPath) {
    String best = null;
    for (var module : modules.keySet()) {
      boolean under = importPath.equals(module)
          || (importPath.startsWith(module) && importPath.charAt(module.length()) == '/');
      if (under && (best == null || module.length() > best.length())) {
        best = module;
      }
    }
    if (best == null) {
      return java.util.Optional.empty();
    }
    String rest = importPath.substring(best.length());
    var dir = modules.get(best);
    return java.util.Optional.of(rest.isEmpty() ? dir : dir.resolve(rest.substring(1)).normalize());
  }

  private static void walk(Path dir, Set<Path> into) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        boolean skip = !d.equals(dir) && (name.startsWith(".") || name.startsWith("_")
            || name.equals("testdata") || name.equals("vendor"));
        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && f.getFileName().toString().endsWith(".go")) {
          into.add(f);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
