package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.run.RunOptions;
import dev.hotlsp.proxy.run.RunUnits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Collects the run options while {@link OptionsParser} reads the arguments; used once. */
final class RunArgs {
  private final List<String> targets = new ArrayList<>();
  private String isolation = "local";
  private OptionalLong memory = OptionalLong.empty();
  private OptionalInt pids = OptionalInt.empty();
  private OptionalLong cpuSeconds = OptionalLong.empty();
  private Optional<Duration> timeout = Optional.empty();
  private OptionalLong outputBytes = OptionalLong.empty();
  private Optional<Boolean> network = Optional.empty();
  private String stopSignal = "TERM";
  private Duration grace = Duration.ofSeconds(2);
  private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
  boolean outputToLog;
  boolean rerunExited = true;
  boolean watch;
  Optional<Path> report = Optional.empty();

  /** Takes one {@code option value} pair; throws a usage error for a bad value. */
  void set(String option, String value) throws UsageException {
    try {
      switch (option) {
        case "--run" -> targets.add(value);
        case "--isolation" -> isolation = value;
        case "--memory" -> memory = OptionalLong.of(RunUnits.size(option, value));
        case "--pids" -> pids = OptionalInt.of((int) whole(option, value, Integer.MAX_VALUE));
        case "--cpu-seconds" -> cpuSeconds = OptionalLong.of(whole(option, value, Long.MAX_VALUE / 1000));
        case "--timeout" -> timeout = Optional.of(RunUnits.duration(option, value));
        case "--output-bytes" -> outputBytes = OptionalLong.of(RunUnits.size(option, value));
        case "--network" -> network = Optional.of(switch (value) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new IllegalArgumentException("--network must be on or off, got " + value);
        });
        case "--stop-signal" -> stopSignal = RunUnits.signal(option, value);
        case "--grace" -> grace = RunUnits.duration(option, value);
        case "--report" -> report = Optional.of(Path.of(value));
        case "--env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--env needs KEY=VALUE, got " + value);
          }
          env.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> throw new IllegalStateException("not a run option: " + option);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  RunOptions options() {
    return new RunOptions(targets, isolation, memory, pids, cpuSeconds, timeout, outputBytes, network, stopSignal,
        grace, outputToLog, rerunExited, env);
  }

  private static long whole(String option, String value, long max) {
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number from 0 to " + max + ", got " + value);
    }
  }
}
