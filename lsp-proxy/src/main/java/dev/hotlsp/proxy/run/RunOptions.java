package dev.hotlsp.proxy.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How HotLSP runs programs ({@code serve} and {@code run}): the targets {@code serve} runs from the
 * start, the isolation level, the limits the user set (an absent limit takes the level's default),
 * how a program is stopped, whether its output also goes to {@code window/logMessage}, and whether
 * a program that ended by itself is run again by its next changed binary ({@code rerunExited}).
 *
 * @param targets {@code --run TARGET}s: a main package as go build names it ({@code ./cmd/server},
 *     relative to a workspace folder, or an import path)
 * @param isolation {@code local}, {@code isolated} or {@code gvisor}
 * @param stopSignal the signal's name without {@code SIG}
 * @param env {@code --env KEY=VALUE}s: added to every run's environment (a run's own, from {@code
 *     hotlsp.run}, wins)
 */
public record RunOptions(
    List<String> targets,
    String isolation,
    OptionalLong memoryBytes,
    OptionalInt pids,
    OptionalLong cpuSeconds,
    Optional<Duration> timeout,
    OptionalLong outputBytes,
    Optional<Boolean> network,
    String stopSignal,
    Duration grace,
    boolean outputToLog,
    boolean rerunExited,
    Map<String, String> env) {
  /** The isolation levels, by their option value. */
  public static final List<String> LEVELS = List.of("local", "isolated", "gvisor");

  /** The runner's floors (RunLimits): below them a Go program cannot start. */
  static final long MIN_MEMORY = 16L << 20;
  static final int MIN_PIDS = 8;

  public RunOptions {
    targets = List.copyOf(targets);
    env = Map.copyOf(env);
    for (var key : env.keySet()) {
      if (key.isEmpty() || key.contains("=") || key.contains("\0")) {
        throw new IllegalArgumentException("--env needs KEY=VALUE with a KEY, got " + key);
      }
    }
    if (!LEVELS.contains(isolation)) {
      throw new IllegalArgumentException("--isolation must be local, isolated or gvisor, got " + isolation);
    }
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(timeout, "timeout");
    stopSignal = RunUnits.signal("--stop-signal", stopSignal);
    if (grace.isNegative()) {
      throw new IllegalArgumentException("--grace must not be negative");
    }
    if (memoryBytes.isPresent() && memoryBytes.getAsLong() < MIN_MEMORY) {
      throw new IllegalArgumentException("--memory must be at least 16MiB (a Go program needs that much)");
    }
    if (pids.isPresent() && pids.getAsInt() < MIN_PIDS) {
      throw new IllegalArgumentException("--pids must be at least " + MIN_PIDS + " (Go needs 4 threads, bwrap 2 processes)");
    }
    if (cpuSeconds.isPresent() && cpuSeconds.getAsLong() < 1) {
      throw new IllegalArgumentException("--cpu-seconds must be at least 1");
    }
    if (timeout.isPresent() && timeout.get().isZero()) {
      throw new IllegalArgumentException("--timeout must be more than 0");
    }
  }

  /** Local isolation, the level's limits, SIGTERM and 2 s of grace, no targets. */
  public static RunOptions defaults() {
    return new RunOptions(List.of(), "local", OptionalLong.empty(), OptionalInt.empty(), OptionalLong.empty(),
        Optional.empty(), OptionalLong.empty(), Optional.empty(), "TERM", Duration.ofSeconds(2), false, true, Map.of());
  }
}
