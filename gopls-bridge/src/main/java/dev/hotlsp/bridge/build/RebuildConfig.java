package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.graph.GoWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RebuildLoop} builds a workspace: its run targets (import paths; empty means every
 * main package of the workspace, re-read after each graph reload), the output directory, the {@code
 * go build} flags — the same on every build, so the build cache stays warm — and whether to ask go
 * list for StaleReasons.
 */
public record RebuildConfig(
    GoWorkspace workspace,
    List<String> targets,
    Path outputDir,
    List<String> buildFlags,
    boolean staleReasons) {
  /** The default flags: no VCS stamping, so an edit never changes the binary through it. */
  public static final List<String> DEFAULT_FLAGS = List.of("-buildvcs=false");

  public RebuildConfig {
    Objects.requireNonNull(workspace, "workspace");
    targets = List.copyOf(targets);
    outputDir = outputDir.toAbsolutePath().normalize();
    buildFlags = List.copyOf(buildFlags);
  }

  /** Every main package, into {@code <root>/.hotlsp/bin}, default flags, with StaleReasons. */
  public static RebuildConfig defaults(GoWorkspace workspace) {
    return new RebuildConfig(
        workspace, List.of(), workspace.root().resolve(".hotlsp/bin"), DEFAULT_FLAGS, true);
  }

  public RebuildConfig withTargets(List<String> importPaths) {
    return new RebuildConfig(workspace, importPaths, outputDir, buildFlags, staleReasons);
  }

  public RebuildConfig withStaleReasons(boolean enabled) {
    return new RebuildConfig(workspace, targets, outputDir, buildFlags, enabled);
  }

  /** The output file of {@code target}: its import path made into one file name. */
  public Path binaryOf(String target) {
    return outputDir.resolve(target.replaceAll("[^A-Za-z0-9._-]", "_"));
  }
}
