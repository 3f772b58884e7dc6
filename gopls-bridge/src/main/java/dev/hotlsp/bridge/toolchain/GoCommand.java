package dev.hotlsp.bridge.toolchain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation of the go command as a value: {@code go VERB ARGS...} in {@code workingDir},
 * with {@code env} overriding the toolchain's base environment.
 */
public record GoCommand(String verb, List<String> args, Map<String, String> env, Path workingDir) {
  public GoCommand {
    Objects.requireNonNull(verb, "verb");
    args = List.copyOf(args);
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir, "workingDir");
  }

  public static GoCommand of(Path workingDir, String verb, String... args) {
    return new GoCommand(verb, List.of(args), Map.of(), workingDir);
  }

}
