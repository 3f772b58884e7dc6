package dev.hotlsp.bridge.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code go} gopls finds first on its PATH: a script that runs the real go inside the {@link
 * BuildSandbox}, so gopls's own {@code go list -compiled} (which runs cgo) reads no more than a
 * build does. Its view — the workspace folders' {@link BuildView} sources, writable since gopls's
 * commands may write there (go mod vendor, go generate), plus the toolchain and go's caches — is
 * a file of bubblewrap options beside it ({@code bwrap --args}), rewritten atomically whenever the
 * folders change; an empty file runs go as it is (the sandbox is off), and while there is no view
 * (before the first, or after a {@link #withdraw}) the script waits for one (up to 10 s, then fails
 * rather than run unsandboxed).
 * Thread-safe.
 */
public final class GoShim {
  private static final System.Logger LOG = System.getLogger(GoShim.class.getName());

  private final GoToolchain go;
  private final Path dir;
  private final Optional<Path> scratch;

  private GoShim(GoToolchain go, Path dir, Optional<Path> scratch) {
    this.go = go;
    this.dir = dir;
    this.scratch = scratch;
  }

  /**
   * Writes the script into a new directory {@code dir} (which the launcher removes with its
   * scratch); {@code scratch} is the launcher's children's TMPDIR.
   */
  public static GoShim create(GoToolchain go, Path dir, Optional<Path> scratch) throws IOException {
    Files.createDirectories(dir);
    var script = dir.resolve("go");
    String real = quote(go.go().toString());
    Files.writeString(script, """
        #!/bin/sh
        # HotLSP: gopls's go commands in the build sandbox (issue 16); the view beside it holds bwrap's options
        view="${0%%/*}/view"
        i=0
        while [ ! -f "$view" ]; do
          i=$((i + 1)); [ $i -gt 200 ] && { echo "hotlsp: the build sandbox's view was never written" >&2; exit 1; }
          sleep 0.05
        done
        [ -s "$view" ] || exec %s "$@"
        exec 3<"$view" || exit 1
        exec %s --args 3 --chdir "$PWD" -- %s "$@"
        """.formatted(real, BuildSandbox.BWRAP, real), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new GoShim(go, dir, scratch);
  }

  /** The directory to put first on gopls's PATH. */
  public Path directory() {
    return dir;
  }

  /** Probes the build sandbox (once per toolchain), so that a later {@link #view} does not wait for it. */
  public void probe() {
    go.sandbox();
  }

  /** Makes {@code folders} (and their modules and replace targets) the view of gopls's next go commands. */
  public void view(List<Path> folders) {
    view(folders, () -> true);
  }

  /**
   * Removes the view, so that gopls's next go commands wait for the next {@link #view} (a command
   * already running keeps the view it read).
   */
  public synchronized void withdraw() {
    try {
      Files.deleteIfExists(dir.resolve("view"));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove the view of gopls's go commands: " + e.getMessage());
    }
  }

  /**
   * As {@link #view(List)}, written only if {@code wanted} still holds once the view is computed
   * (checked under the same lock as {@link #withdraw}, so a view outdated by a later withdrawal is
   * never written).
   */
  public void view(List<Path> folders, java.util.function.BooleanSupplier wanted) {
    var sandbox = go.sandbox();
    go.warnIfUnsandboxed();
    var writable = new ArrayList<Path>();
    for (var folder : folders) {
      BuildView.of(folder, List.of(), go.environment()).sources().stream()
          .filter(d -> !writable.contains(d)).forEach(writable::add);
    }
    var options = sandbox.options(sandbox.toolchain(go.go()), writable, scratch, go.environment());
    var text = new StringBuilder();
    options.forEach(o -> text.append(o).append('\0'));
    synchronized (this) {
      if (!wanted.getAsBoolean()) {
        return;
      }
      try {
        var next = dir.resolve("view.next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, dir.resolve("view"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot write the view of gopls's go commands: " + e.getMessage());
      }
    }
  }

  /** {@code env} with this shim's directory first on its PATH. */
  public Map<String, String> environment(Map<String, String> env) {
    var out = new java.util.HashMap<>(env);
    String path = env.getOrDefault("PATH", "");
    out.put("PATH", path.isEmpty() ? dir.toString() : dir + java.io.File.pathSeparator + path);
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
