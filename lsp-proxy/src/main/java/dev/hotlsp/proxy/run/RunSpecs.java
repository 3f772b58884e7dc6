package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunLimits;
import dev.hotlsp.bridge.run.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Makes the {@link RunSpec} of a run from the user's {@link RunOptions}: the level's limits, overridden. Pure. */
public final class RunSpecs {
  private final RunOptions options;

  public RunSpecs(RunOptions options) {
    this.options = options;
  }

  /** Whether a program that ended by itself is run again by its next changed binary. */
  public boolean rerunExited() {
    return options.rerunExited();
  }

  public Isolation isolation() {
    return Isolation.parse(options.isolation()).orElseThrow();
  }

  /** The level's default limits with each limit the user set in their place. */
  public RunLimits limits() {
    var limits = RunLimits.defaults(isolation());
    if (options.memoryBytes().isPresent()) {
      limits = limits.withMemoryBytes(options.memoryBytes());
    }
    if (options.pids().isPresent()) {
      limits = limits.withPids(options.pids());
    }
    if (options.cpuSeconds().isPresent()) {
      limits = limits.withCpuSeconds(options.cpuSeconds());
    }
    if (options.timeout().isPresent()) {
      limits = limits.withTimeout(options.timeout());
    }
    if (options.outputBytes().isPresent()) {
      limits = limits.withOutputBytes(options.outputBytes().getAsLong());
    }
    if (options.network().isPresent()) {
      limits = limits.withNetwork(options.network().get());
    }
    return limits;
  }

  /** {@code env}: the run's own variables, over the options' {@code --env}. */
  public RunSpec spec(String target, Path binary, List<String> args, Map<String, String> env, Path workspaceDir) {
    var all = new java.util.HashMap<>(options.env());
    all.putAll(env);
    return new RunSpec(target, binary, args, all, workspaceDir, isolation(), limits(), options.stopSignal(),
        options.grace());
  }
}
