package dev.hotlsp.proxy.server;

import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a proxy session needs to know from outside: the explicit gopls command if any, where the
 * project's tool directory is, the environment children get, and gopls's working directory.
 */
public record ProxySettings(
    Optional<List<String>> gopls,
    Optional<Path> toolDirectory,
    Map<String, String> environment,
    Path workingDirectory,
    long maxMessageBytes,
    SupervisorSettings supervision,
    WorkspaceSettings workspace) {
  public ProxySettings {
    environment = Map.copyOf(environment);
  }
}
