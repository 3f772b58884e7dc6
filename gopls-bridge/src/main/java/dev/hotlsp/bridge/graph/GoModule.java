package dev.hotlsp.bridge.graph;

import java.nio.file.Path;
import java.util.Objects;

/** A Go module as {@code go list} reports it: module path, root directory, and its go.mod file. */
public record GoModule(String path, Path dir, Path goMod) {
  public GoModule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(goMod, "goMod");
  }
}
