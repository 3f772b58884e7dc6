package dev.hotlsp.proxy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code hotlsp run} beyond the sandbox's ({@link dev.hotlsp.proxy.run.RunOptions}):
 * the workspace ({@code --workspace}, default the current directory), the target, the program's
 * arguments (after {@code --}), where to write the result as JSON ({@code --report}) and whether to
 * keep watching and hot-restart ({@code --watch}).
 */
public record RunCommandOptions(Path workspace, String target, List<String> args, Optional<Path> report,
    boolean watch) {
  public RunCommandOptions {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(target, "target");
    args = List.copyOf(args);
    Objects.requireNonNull(report, "report");
  }
}
