package dev.hotlsp.proxy.harness;

import java.util.List;
import java.util.Objects;

/** What one run of the {@code hotlsp} command line produced: exit code, stdout and stderr. */
public record CliResult(int exitCode, String stdout, String stderr) {
  public CliResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Non-empty stdout lines. */
  public List<String> lines() {
    return stdout.lines().filter(l -> !l.isBlank()).toList();
  }

  /** For assertion messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
  }
}
