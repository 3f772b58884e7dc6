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
 * programs run ({@code --run} and the run options), whether saved changes run their affected
 * tests ({@code --test-on-save}), and — in a web session only ({@code hotlsp web}) — the workspace
 * the page may list, read and write through {@code hotlsp/files}, {@code hotlsp/readFile} and
 * {@code hotlsp/writeFile} (absent: those requests are unknown).
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
    boolean testOnSave,
    Optional<Path> webWorkspace) {
  public ProxySettings {
    environment = Map.copyOf(environment);
  }

  /** Settings of an editor session that is not a web session (no file requests). */
  public ProxySettings(Optional<List<String>> gopls, Optional<Path> toolDirectory, Map<String, String> environment,
      Path workingDirectory, long maxMessageBytes, SupervisorSettings supervision, WorkspaceSettings workspace,
      RunOptions run, boolean testOnSave) {
    this(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision, workspace, run,
        testOnSave, Optional.empty());
  }

  /** Settings that run no test on save, outside a web session. */
  public ProxySettings(Optional<List<String>> gopls, Optional<Path> toolDirectory, Map<String, String> environment,
      Path workingDirectory, long maxMessageBytes, SupervisorSettings supervision, WorkspaceSettings workspace,
      RunOptions run) {
    this(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision, workspace, run, false);
  }

  /** Settings that run no program unless the editor asks (local isolation, default limits). */
  public ProxySettings(Optional<List<String>> gopls, Optional<Path> toolDirectory, Map<String, String> environment,
      Path workingDirectory, long maxMessageBytes, SupervisorSettings supervision, WorkspaceSettings workspace) {
    this(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision, workspace,
        RunOptions.defaults());
  }

  /** The same settings for a web session on {@code dir}: the page's file requests are confined to it. */
  public ProxySettings withWebWorkspace(Path dir) {
    return new ProxySettings(gopls, toolDirectory, environment, workingDirectory, maxMessageBytes, supervision,
        workspace, run, testOnSave, Optional.of(dir));
  }
}
