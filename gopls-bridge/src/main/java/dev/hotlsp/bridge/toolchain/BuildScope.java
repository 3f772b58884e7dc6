package dev.hotlsp.bridge.toolchain;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which files a go command's findings may be shown on: its view's sources and the module cache.
 * A finding elsewhere ({@code /usr/include/stdio.h}, a file a cgo flag named) goes to the log
 * only, with its text when the command ran {@code sandboxed} (it then cannot hold what the
 * sandbox hid) and without it otherwise.
 */
public record BuildScope(BuildView view, Optional<Path> moduleCache, boolean sandboxed) {
  /** A scope that shows every file (for callers without a workspace, and tests). */
  public static BuildScope everywhere() {
    return new BuildScope(new BuildView(java.util.List.of(Path.of("/")), java.util.List.of()), Optional.empty(), true);
  }

  /** Whether a finding in {@code file} may be shown. */
  public boolean shows(Path file) {
    return view.publishable(file, moduleCache);
  }
}
