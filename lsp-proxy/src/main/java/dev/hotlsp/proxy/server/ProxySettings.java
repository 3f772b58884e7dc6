package dev.hotlsp.proxy.server;

import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.run.RunOptions;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a proxy session needs to know from outside: the explicit gopls command if any, where the
 * project's tool directory is, the environment children get, gopls's working directory, how
 * programs run ({@code --run} and the run options), and whether saved changes run their affected
 * tests ({@code --test-on-save}).
 */
public record ProxySettings(
    Optional<List<String>> gopls,
    Optional<Path> toolDirectory,
    Map<String, String> environment,
    Path workingDirectory,
    long maxMessageBytes,
    SupervisorSettings supervision,
    WorkspaceSettings workspace,
    RunOptions run,
    boolean testOnSave) {
  public ProxySettings {
    environment = Map.copyOf(environment);
  }

  /** Settings that run no program unless the editor asks (local isolation, default limits). */
  public ProxySettings(Optional<List<String>> gopls, Optional<Path> toolDirectory, Map<String, String> environment,
      Path workingDirectory, long maxMessageBytes, SupervisorSettings supervision, WorkspaceSettings workspace) {
    this(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision, workspace,
        RunOptions.defaults(), false);
  }

  /** Settings that run no test on save. */
  public ProxySettings(Optional<List<String>> gopls, Optional<Path> toolDirectory, Map<String, String> environment,
      Path workingDirectory, long maxMessageBytes, SupervisorSettings supervision, WorkspaceSettings workspace,
      RunOptions run) {
    this(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision, workspace, run, false);
  }
}
