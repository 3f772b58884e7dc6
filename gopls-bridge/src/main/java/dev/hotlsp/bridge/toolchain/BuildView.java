package dev.hotlsp.bridge.toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one go command needs of the disk beyond the toolchain and go's caches: its {@code sources}
 * (read-only: the directory of the go.work or go.mod governing the working directory, the
 * go.work's {@code use} modules, and the local {@code replace} targets of the go.work and of each
 * of those go.mod files, and the files the user's own flags name: {@code -overlay}, {@code
 * -modfile}, {@code -pgo}) and its {@code outputs} (writable: the directory of {@code -o}, and of
 * a {@code -toolexec} program, which may keep its state beside it). Read
 * from the files on every command, so an edited go.mod is seen at once. A {@code use} or {@code
 * replace} directory is part of the view only if it holds a go.mod (go refuses it otherwise) and
 * is not {@code /}, a top-level directory, a home directory or an ancestor of {@code HOME}: a
 * cloned go.mod must not be able to name the user's home as a module and read it.
 */
public record BuildView(List<Path> sources, List<Path> outputs) {
  /** The go flags whose value is a path the command needs. */
  private static final java.util.Set<String> FLAGS_WITH_PATHS = java.util.Set.of("-o", "-toolexec", "-overlay", "-modfile", "-pgo");

  public BuildView {
    sources = List.copyOf(sources);
    outputs = List.copyOf(outputs);
  }

  /** The view of {@code go ARGS} run in {@code workingDir} with {@code env}. */
  public static BuildView of(Path workingDir, List<String> args, Map<String, String> env) {
    var dir = workingDir.toAbsolutePath().normalize();
    var sources = new LinkedHashSet<Path>();
    var home = Optional.ofNullable(env.get("HOME")).filter(h -> h.startsWith("/")).map(Path::of);
    var goWork = goWork(dir, env.getOrDefault("GOWORK", ""));
    var modules = new ArrayList<Path>();
    goWork.ifPresent(file -> {
      var root = file.getParent();
      sources.add(root);
      var directives = read(file);
      directives.uses().forEach(u -> module(root, u, home).ifPresent(modules::add));
      directives.replaceDirs().forEach(r -> module(root, r, home).ifPresent(sources::add));
    });
    if (goWork.isEmpty()) {
      findUp(dir, "go.mod").ifPresent(file -> modules.add(file.getParent()));
    }
    for (var module : modules) {
      sources.add(module);
      read(module.resolve("go.mod")).replaceDirs().forEach(r -> module(module, r, home).ifPresent(sources::add));
    }
    if (sources.isEmpty()) {
      sources.add(dir);
    }
    var outputs = new ArrayList<Path>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).startsWith("--") ? args.get(i).substring(1) : args.get(i);
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!FLAGS_WITH_PATHS.contains(name)) {
        continue;
      }
      String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
      if (value.isEmpty() || (name.equals("-pgo") && (value.equals("auto") || value.equals("off")))) {
        continue;
      }
      var path = dir.resolve(name.equals("-toolexec") ? value.strip().split("\\s+")[0] : value).normalize();
      switch (name) {
        case "-o" -> {
          var d = value.endsWith("/") || Files.isDirectory(path) ? path : path.getParent();
          if (d != null && !d.startsWith("/dev") && Files.isDirectory(d)) {
            outputs.add(d);
          }
        }
        case "-toolexec" -> {
          if (value.strip().startsWith("/") && path.getParent() != null) {
            outputs.add(path.getParent());
          }
        }
        default -> {
          if (Files.exists(path)) {
            sources.add(path);
          }
        }
      }
    }
    return new BuildView(List.copyOf(sources), outputs);
  }

  /** Whether a finding in {@code file} may be shown: it is under a source of this view or under {@code moduleCache}. */
  public boolean publishable(Path file, Optional<Path> moduleCache) {
    var f = file.toAbsolutePath().normalize();
    return sources.stream().anyMatch(f::startsWith) || moduleCache.map(f::startsWith).orElse(false);
  }

  private static Optional<Path> goWork(Path dir, String setting) {
    if (setting.equals("off")) {
      return Optional.empty();
    }
    if (!setting.isEmpty()) {
      var file = dir.resolve(setting).normalize();
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
    return findUp(dir, "go.work");
  }

  private static Optional<Path> findUp(Path dir, String name) {
    for (var d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(name))) {
        return Optional.of(d.resolve(name));
      }
    }
    return Optional.empty();
  }

  private static ModuleDirectives read(Path file) {
    try {
      return ModuleDirectives.parse(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return new ModuleDirectives(List.of(), List.of());
    }
  }

  /** {@code path} (as written in a file of {@code base}) if it may be bound as a module. */
  static Optional<Path> module(Path base, String path, Optional<Path> home) {
    Path dir;
    try {
      dir = base.resolve(path).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    boolean sensitive = dir.getNameCount() < 2
        || (dir.getParent() != null && dir.getParent().equals(Path.of("/home")))
        || home.map(h -> h.startsWith(dir)).orElse(false);
    return !sensitive && Files.isRegularFile(dir.resolve("go.mod")) ? Optional.of(dir) : Optional.empty();
  }
}
