package dev.hotlsp.bridge.graph;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
   * Reads the workspace go would use in {@code folder}: {@code go env GOWORK GOMOD} finds the
   * go.work or go.mod (in the folder or above it); a go.work's modules come from {@code go work
   * edit -json}. Paths are real paths (symlinks resolved), because go reports real paths and the
   * graph compares paths exactly.
   *
   * @throws IOException when go finds neither, or cannot read them
   */
  public static GoWorkspace detect(Path folder, GoToolchain go)
      throws IOException, InterruptedException {
    var dir = folder.toRealPath();
    var env = json(go, dir, "env", "-json", "GOWORK", "GOMOD");
    var goWork = env.get("GOWORK").getAsString();
    var goMod = env.get("GOMOD").getAsString();
    if (!goWork.isEmpty() && !goWork.equals("off")) {
      var root = Path.of(goWork).toRealPath().getParent();
      var dirs = new ArrayList<Path>();
      var use = json(go, root, "work", "edit", "-json").getAsJsonArray("Use");
      if (use != null) {
        use.forEach(u -> dirs.add(Path.of(u.getAsJsonObject().get("DiskPath").getAsString())));
      }
      return new GoWorkspace(root, dirs, true);
    }
    if (!goMod.isEmpty() && !goMod.equals("/dev/null")) {
      var root = Path.of(goMod).toRealPath().getParent();
      return new GoWorkspace(root, List.of(root), false);
    }
    throw new IOException("no go.work or go.mod in or above " + dir);
  }

  private static JsonObject json(GoToolchain go, Path dir, String verb, String... args)
      throws IOException, InterruptedException {
    var result = go.run(GoCommand.of(dir, verb, args));
    if (!result.ok()) {
      throw new IOException(
          "go " + verb + " " + String.join(" ", args) + ": " + result.stderr().strip());
    }
    return JsonParser.parseString(result.stdout()).getAsJsonObject();
  }

  /** The package patterns of all its modules, relative to {@code root} (e.g. {@code ./app/...}). */
  public List<String> patterns() {
    return moduleDirs.stream()
        .map(d -> root.relativize(d).toString())
        .map(rel -> rel.isEmpty() ? "./..." : "./" + rel + "/...")
        .toList();
  }

  /**
   * How a go command run from {@code root} names the package in {@code dir}: {@code .} or {@code
   * ./rel} below the root, else the absolute path. A file-system path is never read as an import
   * path, which go may take for a pattern ({@code tool}, {@code all}, {@code std}, {@code cmd},
   * {@code work}, anything with {@code ...}); only a directory whose own name holds {@code ...}
   * stays a pattern in every spelling.
   */
  public String packageArgument(Path dir) {
    var abs = root.resolve(dir).normalize();
    if (!abs.startsWith(root)) {
      return abs.toString();
    }
    var rel = root.relativize(abs).toString().replace(java.io.File.separatorChar, '/');
    return rel.isEmpty() ? "." : "./" + rel;
  }

  /** The directories to watch: the root, and every module directory outside it. */
  public List<Path> watchRoots() {
    var out = new ArrayList<Path>(List.of(root));
    moduleDirs.stream().filter(d -> !d.startsWith(root)).forEach(out::add);
    return out;
  }
}
