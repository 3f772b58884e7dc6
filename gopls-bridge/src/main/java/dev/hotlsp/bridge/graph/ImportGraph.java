package dev.hotlsp.bridge.graph;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workspace's packages and their imports, from one {@code go list -deps -json} call, with the
 * reverse edges and a file index built once. Immutable; thread-safe.
 */
public final class ImportGraph {
  private final Map<String, GoPackage> packages = new HashMap<>();
  private final Map<String, Set<String>> importers = new HashMap<>();
  private final Map<Path, String> buildFiles = new HashMap<>();
  private final Map<Path, String> dirs = new HashMap<>();
  private final Map<String, String> unloadable;

  public ImportGraph(Collection<GoPackage> list) {
    this(list, Map.of());
  }

  /** {@code unloadable}: listed packages go could not load at all (import path → go's error). */
  public ImportGraph(Collection<GoPackage> list, Map<String, String> unloadable) {
    this.unloadable = Map.copyOf(unloadable);
    for (var p : list) {
      packages.put(p.importPath(), p);
      dirs.put(p.dir(), p.importPath());
      for (var files : List.of(p.goFiles(), p.otherFiles(), p.embedFiles())) {
        files.forEach(f -> buildFiles.put(p.dir().resolve(f).normalize(), p.importPath()));
      }
      for (var imported : p.imports()) {
        importers.computeIfAbsent(imported, k -> new HashSet<>()).add(p.importPath());
      }
    }
  }

  /** Parses concatenated {@code go list -json} objects (see {@link ImportGraphLoader}). */
  public static ImportGraph parse(Reader goListJson) throws IOException {
    var listing = GoListJson.read(goListJson);
    return new ImportGraph(listing.packages(), listing.unloadable());
  }

  /**
   * The listed packages go could not load at all, so they are in no graph and never built (e.g.
   * the root package of a module named {@code tool}: go refuses that import path): import path →
   * go's error.
   */
  public Map<String, String> unloadable() {
    return unloadable;
  }

  public Optional<GoPackage> get(String importPath) {
    return Optional.ofNullable(packages.get(importPath));
  }

  public Collection<GoPackage> packages() {
    return java.util.Collections.unmodifiableCollection(packages.values());
  }

  /** The package whose build reads {@code file} (a Go, cgo, assembly or embedded file). */
  public Optional<GoPackage> builtFrom(Path file) {
    return Optional.ofNullable(buildFiles.get(file.toAbsolutePath().normalize()))
        .map(packages::get);
  }

  /** The package whose directory is {@code dir}. */
  public Optional<GoPackage> inDirectory(Path dir) {
    return Optional.ofNullable(dirs.get(dir.toAbsolutePath().normalize())).map(packages::get);
  }

  /** The import paths of the commands ({@code package main}) of the listed patterns, sorted. */
  public Set<String> commands() {
    var out = new TreeSet<String>();
    packages.values().stream().filter(GoPackage::isCommand).forEach(p -> out.add(p.importPath()));
    return out;
  }

  /** The modules of the listed (non-dependency) packages. */
  public Set<GoModule> mainModules() {
    var out = new HashSet<GoModule>();
    packages.values().stream().filter(p -> !p.depOnly()).forEach(p -> out.add(p.module()));
    return out;
  }

  /** {@code roots} and every package that imports one of them, directly or not. */
  public Set<String> dependents(Collection<String> roots) {
    var seen = new HashSet<String>(roots);
    var queue = new ArrayDeque<String>(roots);
    while (!queue.isEmpty()) {
      for (var importer : importers.getOrDefault(queue.poll(), Set.of())) {
        if (seen.add(importer)) {
          queue.add(importer);
        }
      }
    }
    return seen;
  }

  /** {@code root} and every package it imports, directly or not, as far as the graph knows them. */
  public Set<String> dependencies(String root) {
    var seen = new HashSet<String>(List.of(root));
    var queue = new ArrayDeque<String>(List.of(root));
    while (!queue.isEmpty()) {
      var p = packages.get(queue.poll());
      if (p != null) {
        p.imports().stream().filter(seen::add).forEach(queue::add);
      }
    }
    return seen;
  }
}
