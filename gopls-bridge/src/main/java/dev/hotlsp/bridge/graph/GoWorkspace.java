package dev.hotlsp.bridge.graph;

import com.google.gson.JsonParser;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the go commands of a workspace run ({@code root}: the directory of its go.work or go.mod)
 * and the directories of its modules (one for a go.mod, each {@code use} of a go.work).
 */
public record GoWorkspace(Path root, List<Path> moduleDirs, boolean goWork) {
  public GoWorkspace {
    var base = root.toAbsolutePath().normalize();
    root = base;
    moduleDirs = moduleDirs.stream().map(d -> base.resolve(d).normalize()).toList();
    if (moduleDirs.isEmpty()) {
      throw new IllegalArgumentException("a workspace without modules: " + root);
    }
  }

  /**
   * Reads the workspace at {@code folder}: its go.work (modules from {@code go work edit -json}) or
   * else its go.mod. The root is the folder's real path (symlinks resolved), because go reports
   * real paths and file lookups in the graph compare paths exactly.
   *
   * @throws IOException when the folder has neither, or go cannot read the go.work
   */
  public static GoWorkspace detect(Path folder, GoToolchain go)
      throws IOException, InterruptedException {
    Objects.requireNonNull(go, "go");
    var root = folder.toRealPath();
    if (Files.isRegularFile(root.resolve("go.work"))) {
      var result = go.run(GoCommand.of(root, "work", "edit", "-json"));
      if (!result.ok()) {
        throw new IOException("go work edit -json: " + result.stderr().strip());
      }
      var dirs = new ArrayList<Path>();
      var use = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonArray("Use");
      if (use != null) {
        use.forEach(u -> dirs.add(Path.of(u.getAsJsonObject().get("DiskPath").getAsString())));
      }
      return new GoWorkspace(root, dirs, true);
    }
    if (Files.isRegularFile(root.resolve("go.mod"))) {
      return new GoWorkspace(root, List.of(root), false);
    }
    throw new IOException("no go.work or go.mod in " + root);
  }

  /** The package patterns of all its modules, relative to {@code root} (e.g. {@code ./app/...}). */
  public List<String> patterns() {
    return moduleDirs.stream()
        .map(d -> root.relativize(d).toString())
        .map(rel -> rel.isEmpty() ? "./..." : "./" + rel + "/...")
        .toList();
  }

  /** The directories to watch: the root, and every module directory outside it. */
  public List<Path> watchRoots() {
    var out = new ArrayList<Path>(List.of(root));
    moduleDirs.stream().filter(d -> !d.startsWith(root)).forEach(out::add);
    return out;
  }
}
