package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.graph.GoWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RebuildLoop} builds a workspace: its run targets (import paths; empty means every
 * main package of the workspace, re-read after each graph reload), where the binaries go (outside
 * the workspace, which HotLSP only reads), the {@code go build} flags — the same on every build,
 * so the build cache stays warm — whether to ask go list for StaleReasons, and the CPU priority of
 * builds ({@code niceness} 1–19 below the editor's gopls, or 0: no one to yield to, as in a
 * terminal's {@code hotlsp run --watch}).
 */
public record RebuildConfig(
    GoWorkspace workspace,
    List<String> targets,
    OutputDirectory outputs,
    List<String> buildFlags,
    boolean staleReasons,
    int niceness) {
  /** The default flags: no VCS stamping, so an edit never changes the binary through it. */
  public static final List<String> DEFAULT_FLAGS = List.of("-buildvcs=false");

  /** Builds yield the CPU to gopls and the proxy by this much (nice and the build's scheduling group). */
  public static final int EDITOR_NICENESS = 10;

  public RebuildConfig {
    Objects.requireNonNull(workspace, "workspace");
    targets = List.copyOf(targets);
    Objects.requireNonNull(outputs, "outputs");
    buildFlags = List.copyOf(buildFlags);
    if (niceness < 0 || niceness > 19) {
      throw new IllegalArgumentException("niceness out of 0..19: " + niceness);
    }
  }


  /**
   * Every main package, into the workspace's directory in {@code cache}, default flags, with
   * StaleReasons, builds niced below the editor's gopls.
   */
  public static RebuildConfig defaults(GoWorkspace workspace, CacheDirs cache) {
    return new RebuildConfig(
        workspace, List.of(), OutputDirectory.of(cache, workspace.root()), DEFAULT_FLAGS, true,
        EDITOR_NICENESS);
  }

  /**
   * The same config with the user's {@code go build} flags after the default ones ({@code -tags},
   * {@code -race}, {@code -gcflags}…: the builds, their staleness and the import graph all use
   * them).
   *
   * @throws IllegalArgumentException for a flag HotLSP owns or that stops go from building: {@code
   *     -o}, {@code -C}, {@code -n}, {@code -json}, or anything that is not a flag
   */
  public RebuildConfig withBuildFlags(List<String> userFlags) {
    var all = new java.util.ArrayList<>(DEFAULT_FLAGS);
    for (var flag : userFlags) {
      all.add(checkedUserFlag(flag));
    }
    return new RebuildConfig(workspace, targets, outputs, all, staleReasons, niceness);
  }

  /** {@code flag} if a user may give it to HotLSP's builds; see {@link #withBuildFlags}. */
  public static String checkedUserFlag(String flag) {
    if (!flag.startsWith("-") || flag.equals("-") || flag.equals("--")) {
      throw new IllegalArgumentException("not a go build flag: " + flag
          + " (one flag per --build-flag, its value after =: --build-flag -tags=integration)");
    }
    var name = flag.replaceFirst("^--?", "").replaceFirst("=.*$", "");
    if (List.of("o", "C", "n", "json").contains(name)) {
      throw new IllegalArgumentException("go build flag -" + name + " is HotLSP's to set, not a build flag it takes: " + flag);
    }
    return flag;
  }

  public RebuildConfig withTargets(List<String> importPaths) {
    return new RebuildConfig(workspace, importPaths, outputs, buildFlags, staleReasons, niceness);
  }

  public RebuildConfig withStaleReasons(boolean enabled) {
    return new RebuildConfig(workspace, targets, outputs, buildFlags, enabled, niceness);
  }

  /** The same config with builds at {@code value} (0: the normal priority). */
  public RebuildConfig withNiceness(int value) {
    return new RebuildConfig(workspace, targets, outputs, buildFlags, staleReasons, value);
  }

  /** The output file of {@code target}; see {@link OutputDirectory#binaryOf}. */
  public Path binaryOf(String target) {
    return outputs.binaryOf(target);
  }
}
