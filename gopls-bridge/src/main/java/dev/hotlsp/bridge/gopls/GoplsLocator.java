package dev.hotlsp.bridge.gopls;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the gopls executable: an explicit path, then the project's tool directory, GOBIN,
 * {@code $(go env GOPATH)/bin}, then PATH. Pure apart from file-system checks.
 */
public final class GoplsLocator {
  private final Map<String, String> env;
  private final Optional<Path> toolDir;
  private final Supplier<Optional<Path>> goPath;

  /**
   * @param toolDir the project-controlled tool directory (where ./dev setup installs gopls)
   * @param goPath lazily asks {@code go env GOPATH}; called only when earlier places fail
   */
  public GoplsLocator(Map<String, String> env, Optional<Path> toolDir, Supplier<Optional<Path>> goPath) {
    this.env = Map.copyOf(env);
    this.toolDir = toolDir;
    this.goPath = goPath;
  }

  /**
   * Returns the command that starts the language server. An explicit command may be any LSP
   * server; its first word is resolved against PATH when it has no slash.
   */
  public List<String> locate(Optional<List<String>> explicit) throws GoplsNotFoundException {
    var tried = new ArrayList<String>();
    if (explicit.isPresent()) {
      var cmd = explicit.get();
      var exe = resolve(cmd.get(0));
      if (exe.isPresent()) {
        var out = new ArrayList<>(cmd);
        out.set(0, exe.get().toString());
        return out;
      }
      tried.add("--gopls " + cmd.get(0));
      throw new GoplsNotFoundException(tried);
    }
    var candidates = new ArrayList<Path>();
    toolDir.ifPresent(d -> candidates.add(d.resolve("gopls")));
    var gobin = env.get("GOBIN");
    if (gobin != null && !gobin.isBlank()) {
      candidates.add(Path.of(gobin, "gopls"));
    }
    for (var c : candidates) {
      if (Files.isExecutable(c)) {
        return List.of(c.toString());
      }
      tried.add(c.toString());
    }
    var fromGoPath = goPath.get().map(p -> p.resolve("bin").resolve("gopls"));
    if (fromGoPath.isPresent()) {
      if (Files.isExecutable(fromGoPath.get())) {
        return List.of(fromGoPath.get().toString());
      }
      tried.add(fromGoPath.get().toString());
    } else {
      tried.add("$(go env GOPATH)/bin/gopls (go not available)");
    }
    var onPath = searchPath("gopls");
    if (onPath.isPresent()) {
      return List.of(onPath.get().toString());
    }
    tried.add("gopls on PATH");
    throw new GoplsNotFoundException(tried);
  }

  private Optional<Path> resolve(String program) {
    if (program.contains("/")) {
      var p = Path.of(program);
      return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    return searchPath(program);
  }

  private Optional<Path> searchPath(String program) {
    for (var dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      var p = Path.of(dir, program);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
