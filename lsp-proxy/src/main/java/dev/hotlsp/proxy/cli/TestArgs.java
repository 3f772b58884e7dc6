package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.proxy.run.RunUnits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code hotlsp test [--workspace DIR] [PKG…] [--affected-by FILE…] [--run REGEX] [--format
 * text|json|junit] [--output FILE] [--timeout DURATION] [--build-flag FLAG]… [--isolation LEVEL]
 * [--memory SIZE] [--pids N] [--cpu-seconds N] [--network on|off]} into {@link TestOptions}. The
 * files after {@code --affected-by} run up to the next option. Pure.
 */
final class TestArgs {
  private TestArgs() {}

  static TestOptions parse(String... args) throws UsageException {
    Path workspace = Path.of(".");
    var packages = new ArrayList<String>();
    var affected = new ArrayList<Path>();
    boolean inAffected = false;
    Optional<String> run = Optional.empty();
    Optional<Duration> timeout = Optional.empty();
    String format = "text";
    Optional<Path> output = Optional.empty();
    var flags = new ArrayList<String>();
    var runArgs = new RunArgs();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-") || a.equals("-")) {
        if (inAffected) {
          affected.add(Path.of(a));
        } else {
          packages.add(a);
        }
        continue;
      }
      inAffected = false;
      try {
        switch (a) {
          case "--affected-by" -> {
            affected.add(Path.of(value(args, ++i, a)));
            inAffected = true;
          }
          case "--workspace" -> workspace = Path.of(value(args, ++i, a));
          case "--run" -> run = Optional.of(value(args, ++i, a));
          case "--timeout" -> timeout = Optional.of(positive(a, RunUnits.duration(a, value(args, ++i, a))));
          case "--format" -> format = value(args, ++i, a);
          case "--output" -> output = Optional.of(Path.of(value(args, ++i, a)));
          case "--build-flag" -> flags.add(RebuildConfig.checkedUserFlag(value(args, ++i, a)));
          case "--isolation", "--memory", "--pids", "--cpu-seconds", "--network", "--output-bytes" ->
              runArgs.set(a, value(args, ++i, a));
          default -> throw new UsageException("unknown option for test: " + a);
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    try {
      return new TestOptions(workspace, packages, affected, run, timeout, format, output, flags, runArgs.options());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Duration positive(String option, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(option + " needs a positive duration such as 30s or 2m");
    }
    return d;
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].isEmpty()) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
