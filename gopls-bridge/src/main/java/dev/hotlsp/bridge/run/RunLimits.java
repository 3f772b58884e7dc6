package dev.hotlsp.bridge.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits of one run. Empty means no limit. {@code memoryBytes}: the cgroup's memory limit
 * (RLIMIT_DATA where no cgroup is writable; never RLIMIT_AS, which breaks Go); {@code pids}: tasks
 * (processes and threads) at once; {@code cpuSeconds}: RLIMIT_CPU; {@code timeout}: wall clock;
 * {@code outputBytes}: how much output the runner keeps (head and tail, half per stream); {@code
 * network}: whether the program may use the network.
 */
public record RunLimits(
    OptionalLong memoryBytes,
    OptionalInt pids,
    OptionalLong cpuSeconds,
    Optional<Duration> timeout,
    long outputBytes,
    boolean network) {
  /** Go needs four OS threads, bwrap two processes of its own. */
  public static final int MIN_PIDS = 8;

  static final long MIB = 1024 * 1024;

  public RunLimits {
    Objects.requireNonNull(memoryBytes, "memoryBytes");
    Objects.requireNonNull(pids, "pids");
    Objects.requireNonNull(cpuSeconds, "cpuSeconds");
    Objects.requireNonNull(timeout, "timeout");
    if (memoryBytes.isPresent() && memoryBytes.getAsLong() < 16 * MIB) {
      throw new IllegalArgumentException("memory limit below 16 MiB: " + memoryBytes.getAsLong());
    }
    if (pids.isPresent() && pids.getAsInt() < MIN_PIDS) {
      throw new IllegalArgumentException("pids limit below " + MIN_PIDS + ": " + pids.getAsInt());
    }
    if (cpuSeconds.isPresent() && cpuSeconds.getAsLong() < 1) {
      throw new IllegalArgumentException("cpu seconds below 1: " + cpuSeconds.getAsLong());
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException("timeout not positive: " + timeout.get());
    }
    if (outputBytes < 0) {
      throw new IllegalArgumentException("negative output bytes: " + outputBytes);
    }
  }

  /**
   * The defaults of a level: {@code local} — memory 2 GiB, 4096 tasks, no CPU limit, no timeout,
   * 1 MiB of output, network on; {@code isolated} and {@code gvisor} — memory 512 MiB, 256 tasks,
   * 60 CPU seconds, 60 s timeout, 1 MiB of output, network off.
   */
  public static RunLimits defaults(Isolation isolation) {
    return switch (isolation) {
      case LOCAL -> new RunLimits(
          OptionalLong.of(2048 * MIB), OptionalInt.of(4096), OptionalLong.empty(), Optional.empty(), MIB, true);
      case ISOLATED, GVISOR -> new RunLimits(
          OptionalLong.of(512 * MIB), OptionalInt.of(256), OptionalLong.of(60),
          Optional.of(Duration.ofSeconds(60)), MIB, false);
    };
  }

  public RunLimits withMemoryBytes(OptionalLong value) {
    return new RunLimits(value, pids, cpuSeconds, timeout, outputBytes, network);
  }

  public RunLimits withPids(OptionalInt value) {
    return new RunLimits(memoryBytes, value, cpuSeconds, timeout, outputBytes, network);
  }

  public RunLimits withCpuSeconds(OptionalLong value) {
    return new RunLimits(memoryBytes, pids, value, timeout, outputBytes, network);
  }

  public RunLimits withTimeout(Optional<Duration> value) {
    return new RunLimits(memoryBytes, pids, cpuSeconds, value, outputBytes, network);
  }

  public RunLimits withOutputBytes(long value) {
    return new RunLimits(memoryBytes, pids, cpuSeconds, timeout, value, network);
  }

  public RunLimits withNetwork(boolean value) {
    return new RunLimits(memoryBytes, pids, cpuSeconds, timeout, outputBytes, value);
  }
}
