package dev.hotlsp.bridge.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One program to run: {@code target} names it (a main package as go build names it), {@code
 * binary} is the built file, {@code env} is added to the level's environment (all of HotLSP's
 * under {@code local}, an allow-list under {@code isolated}), {@code workspaceDir} is the working
 * directory under {@code local} and hidden under {@code isolated}; {@code stopSignal} ({@code
 * TERM}, {@code INT}, {@code HUP}, {@code QUIT}, {@code USR1}, {@code USR2}) is sent to every
 * process of the run on stop, SIGKILL follows after {@code grace}.
 */
public record RunSpec(
    String target,
    Path binary,
    List<String> args,
    Map<String, String> env,
    Path workspaceDir,
    Isolation isolation,
    RunLimits limits,
    String stopSignal,
    Duration grace) {
  /** The signals a stop may start with. */
  public static final Set<String> STOP_SIGNALS = Set.of("TERM", "INT", "HUP", "QUIT", "USR1", "USR2");

  public RunSpec {
    Objects.requireNonNull(target, "target");
    if (!binary.isAbsolute()) {
      throw new IllegalArgumentException("binary is not absolute: " + binary);
    }
    args = List.copyOf(args);
    env = Map.copyOf(env);
    Objects.requireNonNull(workspaceDir, "workspaceDir");
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(limits, "limits");
    if (!STOP_SIGNALS.contains(stopSignal)) {
      throw new IllegalArgumentException("stop signal not one of " + STOP_SIGNALS + ": " + stopSignal);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("negative grace: " + grace);
    }
  }

  /** A spec with the level's default limits, SIGTERM and a 2 s grace. */
  public static RunSpec of(String target, Path binary, List<String> args, Path workspaceDir, Isolation isolation) {
    return new RunSpec(target, binary, args, Map.of(), workspaceDir, isolation,
        RunLimits.defaults(isolation), "TERM", Duration.ofSeconds(2));
  }

  public RunSpec withLimits(RunLimits value) {
    return new RunSpec(target, binary, args, env, workspaceDir, isolation, value, stopSignal, grace);
  }

  public RunSpec withEnv(Map<String, String> value) {
    return new RunSpec(target, binary, args, value, workspaceDir, isolation, limits, stopSignal, grace);
  }

  public RunSpec withGrace(Duration value) {
    return new RunSpec(target, binary, args, env, workspaceDir, isolation, limits, stopSignal, value);
  }
}
