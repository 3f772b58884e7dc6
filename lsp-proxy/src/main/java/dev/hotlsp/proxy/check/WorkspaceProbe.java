package dev.hotlsp.proxy.check;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} makes sure of before it starts gopls, because gopls reports neither as a
 * failure: that the go command gopls will run is there (gopls loads packages through it; without
 * it every file gets only a "No active builds" warning), and that the directory is in a Go module
 * or workspace. Asks go itself ({@code go env GOMOD GOWORK}), so a go.mod or go.work above the
 * directory counts, as it does for go and gopls.
 */
final class WorkspaceProbe {
  private WorkspaceProbe() {}

  /**
   * The go.work or go.mod that governs {@code dir}, found with the go command on the PATH of
   * {@code environment} (the environment gopls gets).
   *
   * @throws CheckFailedException when there is no go command, go fails, or there is neither file
   */
  static Path goplsWorkspace(Path dir, Map<String, String> environment, ProcessLauncher launcher)
      throws CheckFailedException, InterruptedException {
    var go = onPath("go", environment).orElseThrow(() -> new CheckFailedException(
        "no go command on PATH: gopls needs the go toolchain to load packages"));
    String stdout;
    try {
      var result = new GoToolchain(go, environment, launcher).run(GoCommand.of(dir, "env", "-json", "GOMOD", "GOWORK"));
      if (!result.ok()) {
        throw new CheckFailedException(go + " env failed in " + dir + ": " + firstLine(result.stderr()));
      }
      stdout = result.stdout();
    } catch (IOException e) {
      throw new CheckFailedException("cannot run " + go + ": " + e.getMessage());
    }
    try {
      var env = JsonParser.parseString(stdout).getAsJsonObject();
      for (var name : new String[] {"GOWORK", "GOMOD"}) {
        var value = env.has(name) ? env.get(name).getAsString() : "";
        if (!value.isEmpty() && !value.equals("off") && !value.equals(File.separator + "dev" + File.separator + "null")) {
          return Path.of(value);
        }
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new CheckFailedException(go + " env printed something unexpected: " + firstLine(stdout));
    }
    throw new CheckFailedException("not a Go workspace: " + dir + " (no go.mod or go.work found)");
  }

  /** {@code program} as an exec of that name would find it: the first executable in PATH. */
  static Optional<Path> onPath(String program, Map<String, String> environment) {
    for (var dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
      var candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    var stripped = text.strip();
    int nl = stripped.indexOf('\n');
    return nl < 0 ? stripped : stripped.substring(0, nl);
  }
}
