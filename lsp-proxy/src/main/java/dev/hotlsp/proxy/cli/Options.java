package dev.hotlsp.proxy.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;

/**
 * The parsed command line of {@code hotlsp}; immutable. See {@link OptionsParser} for the syntax.
 *
 * @param command {@code serve}, {@code check}, {@code crash}, {@code version} or {@code help}
 * @param gopls the language server command ({@code --gopls}), when given
 * @param directory the directory {@code check} examines
 * @param workspace watching and building ({@code serve} only)
 * @param crash the options of {@code crash}
 * @param check the options only {@code check} takes
 */
public record Options(
    String command,
    Optional<List<String>> gopls,
    Optional<Path> log,
    Optional<Path> trace,
    long maxMessageBytes,
    int crashLimit,
    Duration crashWindow,
    Duration initializeTimeout,
    Duration checkTimeout,
    boolean debug,
    Optional<Path> directory,
    WorkspaceSettings workspace,
    CrashOptions crash,
    CheckOptions check) {
  public Options {
    gopls = gopls.map(List::copyOf);
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("--max-message-bytes must be at least 1024");
    }
    if (crashLimit < 1) {
      throw new IllegalArgumentException("--crash-limit must be at least 1");
    }
  }
}
