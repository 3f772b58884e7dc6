package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-\ at the terminal of {@code hotlsp run}: the terminal sends SIGQUIT to HotLSP's process group,
 * and a Go programmer means it for the program (its goroutine dump). Java cannot catch SIGQUIT (the
 * JVM keeps it for its thread dump, which {@code -XX:-DisplayVMOutput} silences), so a small
 * {@code bash} in HotLSP's own group catches it and says so on a pipe; {@link #watch}'s callback
 * then asks the program for its dump. The helper ignores Ctrl-C (HotLSP's shutdown hook handles
 * that), ends when HotLSP closes its input or dies (parent-death signal), and is no group leader,
 * so no group kill reaches it. A process group signal other than from a terminal ({@code kill -QUIT
 * -PGID}) counts the same; a SIGQUIT to HotLSP's pid alone does not.
 */
final class TerminalQuit implements AutoCloseable {
  private static final String SCRIPT =
      "trap 'echo quit' QUIT; trap '' INT TSTP; while :; do read -r _ || { [ $? -gt 128 ] || exit 0; }; done";

  /** Empty when the helper could not start. */
  private final java.util.Optional<Process> helper;

  private TerminalQuit(java.util.Optional<Process> helper) {
    this.helper = helper;
  }

  /** Calls {@code onQuit} on each Ctrl-\ until closed; a helper that cannot start is logged, not fatal. */
  static TerminalQuit watch(ProcessLauncher launcher, Runnable onQuit, Log log) {
    Process helper;
    try {
      helper = launcher.startInHotLspGroup(new CommandSpec(List.of("/bin/bash", "-c", SCRIPT),
          Map.of("PATH", "/usr/bin:/bin"), Path.of("/")));
    } catch (IOException e) {
      log.info("Ctrl-\\ is not passed to the program: " + e.getMessage());
      return new TerminalQuit(java.util.Optional.empty());
    }
    var reader = new Thread(() -> {
      try (var lines = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.equals("quit")) {
            onQuit.run();
          }
        }
      } catch (IOException | RuntimeException e) {
        log.warn("Ctrl-\\ watch ended: " + e);
      }
    }, "hotlsp-terminal-quit");
    reader.setDaemon(true);
    reader.start();
    return new TerminalQuit(java.util.Optional.of(helper));
  }

  @Override
  public void close() {
    helper.ifPresent(h -> {
      try {
        h.getOutputStream().close(); // its read sees the end and it exits
      } catch (IOException e) {
        h.destroy();
      }
    });
  }
}
