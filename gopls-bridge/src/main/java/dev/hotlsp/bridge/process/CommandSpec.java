package dev.hotlsp.bridge.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child process to start: the command line, its complete environment (never inherited
 * implicitly) and its working directory.
 */
public record CommandSpec(List<String> command, Map<String, String> environment, Path workingDirectory) {
  public CommandSpec {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
  }

  /** The program and its arguments as one printable line, for logs and error messages. */
  public String display() {
    return String.join(" ", command);
  }
}
