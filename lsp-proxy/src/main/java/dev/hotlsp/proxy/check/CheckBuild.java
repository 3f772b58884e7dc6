package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.build.BuildError;
import dev.hotlsp.bridge.build.BuildErrorParser;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The go build of a check: every package of the checked directory (all modules of a go.work
 * when it is the go.work's directory) compiled and every main package linked, into
 * {@code /dev/null} (the workspace is only read). Its errors go into the diagnostics union as the
 * {@code go build} source, where a problem gopls also reports is left out; what remains is what
 * only a build sees: link errors, cgo, files gopls does not load.
 */
final class CheckBuild {
  /** go's error for a directory it cannot read, which the check has already skipped with a warning ({@link GoFiles}). */
  private static final java.util.regex.Pattern UNREADABLE =
      java.util.regex.Pattern.compile("pattern .*: open .*: permission denied");

  private CheckBuild() {}

  /**
   * @throws CheckFailedException when go cannot load the workspace at all (a go.mod or go.work it
   *     cannot parse, a go.mod that needs updates): nothing was checked
   */
  static List<BuildError> errors(GoToolchain go, GoWorkspace workspace, Path dir, List<String> flags)
      throws IOException, InterruptedException, CheckFailedException {
    boolean atRoot = workspace.root().equals(dir.toRealPath());
    var args = new ArrayList<String>(List.of("-o", "/dev/null"));
    args.addAll(flags);
    args.addAll(atRoot ? workspace.patterns() : List.of("./..."));
    var workingDir = atRoot ? workspace.root() : dir;
    var result = go.run(new GoCommand("build", args, java.util.Map.of(), workingDir));
    if (result.ok()) {
      return List.of();
    }
    var first = result.stderr().strip().lines().findFirst().orElse("");
    if (first.startsWith("go: ") && (first.contains("go.mod") || first.contains("go.work"))) {
      var lines = result.stderr().strip().lines().limit(2).map(String::strip).toList();
      throw new CheckFailedException("go cannot load " + dir + ": " + String.join(" ", lines).substring("go: ".length()));
    }
    var anchor = workspace.root().resolve(workspace.goWork() ? "go.work" : "go.mod");
    return BuildErrorParser.parse(result.stderr(), workingDir, anchor, packageDirs(workspace), go.scope(workingDir)).stream()
        .filter(e -> !UNREADABLE.matcher(e.message()).matches())
        .toList();
  }

  /**
   * The directory of a package of {@code workspace}'s modules by import path (where a link error
   * is placed); the modules are read on the first call only, which only a failed link makes.
   */
  private static java.util.function.Function<String, java.util.Optional<Path>> packageDirs(GoWorkspace workspace) {
    var modules = new java.util.concurrent.atomic.AtomicReference<java.util.Map<String, Path>>();
    return importPath -> {
      if (modules.get() == null) {
        try {
          modules.set(WorkspaceIndex.scan(workspace).modules());
        } catch (IOException e) {
          modules.set(java.util.Map.of());
        }
      }
      return modules.get().entrySet().stream()
          .filter(m -> importPath.equals(m.getKey()) || importPath.startsWith(m.getKey() + "/"))
          .max(java.util.Comparator.comparingInt(m -> m.getKey().length()))
          .map(m -> m.getValue().resolve(importPath.substring(m.getKey().length()).replaceFirst("^/", "")));
    };
  }

  /**
   * Builds {@code target} (as go names it from {@code dir}) into {@code binary} with {@code flags};
   * the build's stderr when it fails.
   */
  static java.util.Optional<String> binary(GoToolchain go, Path dir, String target, Path binary, List<String> flags)
      throws IOException, InterruptedException {
    var args = new ArrayList<String>(List.of("-o", binary.toString()));
    args.addAll(flags);
    args.add(target);
    var result = go.run(new GoCommand("build", args, java.util.Map.of(), dir));
    return result.ok() ? java.util.Optional.empty() : java.util.Optional.of(result.stderr().strip());
  }
}
