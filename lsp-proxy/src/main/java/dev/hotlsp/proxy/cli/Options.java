package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.CheckOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.hotlsp.proxy.wire.FrameReader;
import dev.hotlsp.proxy.wire.OutboxLimits;
import dev.hotlsp.proxy.run.RunOptions;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;

/**
 * The parsed command line of {@code hotlsp}; immutable. See {@link OptionsParser} for the syntax.
 *
 * @param command {@code serve}, {@code check}, {@code crash}, {@code run}, {@code doctor}, {@code cache}, {@code version} or {@code help}
 * @param gopls the language server command ({@code --gopls}), when given
 * @param directory the directory {@code check} examines
 * @param workspace watching and building ({@code serve} only)
 * @param crash the options of {@code crash}
 * @param outbox the byte budget of each writer queue and how long a peer may stop reading
 * @param run how programs run ({@code serve --run}, {@code run}, {@code doctor --isolation})
 * @param runCommand the options of {@code run} itself
 * @param check the options only {@code check} takes
 * @param cache the build cache's cap ({@code --cache-max}) and {@code cache prune}
 * @param testOnSave {@code serve --test-on-save}: each saved change's affected tests run
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
    OutboxLimits outbox,
    RunOptions run,
    RunCommandOptions runCommand,
    CheckOptions check,
    CacheOptions cache,
    boolean testOnSave) {
  public Options {
    gopls = gopls.map(List::copyOf);
    if (maxMessageBytes < 1024 || maxMessageBytes > FrameReader.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "--max-message-bytes must be between 1024 and " + FrameReader.MAX_LIMIT + " (1 GiB)");
    }
    if (crashLimit < 1) {
      throw new IllegalArgumentException("--crash-limit must be at least 1");
    }
  }
}
