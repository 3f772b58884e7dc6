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
 * so the build cache stays warm — and whether to ask go list for StaleReasons.
 */
public record RebuildConfig(
    GoWorkspace workspace,
    List<String> targets,
    OutputDirectory outputs,
    List<String> buildFlags,
    boolean staleReasons) {
  /** The default flags: no VCS stamping, so an edit never changes the binary through it. */
  public static final List<String> DEFAULT_FLAGS = List.of("-buildvcs=false");

  public RebuildConfig {
    Objects.requireNonNull(workspace, "workspace");
    targets = List.copyOf(targets);
    Objects.requireNonNull(outputs, "outputs");
    buildFlags = List.copyOf(buildFlags);
  }

  /** Every main package, into the workspace's directory in {@code cache}, default flags, with StaleReasons. */
  public static RebuildConfig defaults(GoWorkspace workspace, CacheDirs cache) {
    return new RebuildConfig(
        workspace, List.of(), OutputDirectory.of(cache, workspace.root()), DEFAULT_FLAGS, true);
  }

  public RebuildConfig withTargets(List<String> importPaths) {
    return new RebuildConfig(workspace, importPaths, outputs, buildFlags, staleReasons);
  }

  public RebuildConfig withStaleReasons(boolean enabled) {
    return new RebuildConfig(workspace, targets, outputs, buildFlags, enabled);
  }

  /** The output file of {@code target}; see {@link OutputDirectory#binaryOf}. */
  public Path binaryOf(String target) {
    return outputs.binaryOf(target);
  }
}
