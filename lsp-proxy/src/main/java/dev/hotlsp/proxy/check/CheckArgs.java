package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.cli.UsageException;
import dev.hotlsp.proxy.run.RunUnits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Collects the arguments only {@code hotlsp check} takes (see {@link CheckOptions}); pure. */
public final class CheckArgs {
  private static final List<String> OPTIONS = List.of("--run", "--timeout", "--format", "--output", "--fail-on");

  private final List<Path> dirs = new ArrayList<>();
  private final List<CheckOptions.RunRequest> runs = new ArrayList<>();
  private Duration runTimeout = CheckOptions.DEFAULT_RUN_TIMEOUT;
  private String format = "text";
  private Optional<Path> output = Optional.empty();
  private Severity failOn = Severity.ERROR;

  /** True when {@code arg} is check's own: one of its options, or a DIR. */
  public static boolean takes(String arg) {
    return OPTIONS.contains(arg) || !arg.startsWith("-");
  }

  /** Takes {@code args[i]} (and its value); returns the index of the last argument used. */
  public int take(String[] args, int i) throws UsageException {
    String a = args[i];
    if (!a.startsWith("-")) {
      dirs.add(Path.of(a));
      return i;
    }
    if (i + 1 >= args.length || args[i + 1].isEmpty()) {
      throw new UsageException(a + " needs a value");
    }
    String v = args[i + 1];
    switch (a) {
      case "--run" -> runs.add(run(v));
      case "--timeout" -> runTimeout = duration(v);
      case "--format" -> format = v;
      case "--output" -> output = Optional.of(Path.of(v));
      case "--fail-on" -> failOn = Severity.parse(v)
          .orElseThrow(() -> new UsageException("--fail-on must be error, warning, info or hint, got " + v));
      default -> throw new UsageException("unknown option: " + a);
    }
    return i + 1;
  }

  public CheckOptions options() {
    return new CheckOptions(dirs.isEmpty() ? List.of(Path.of(".")) : dirs, runs, runTimeout, format, output, failOn);
  }

  /** {@code TARGET} or {@code TARGET=ARGS}, the arguments separated by white space. */
  static CheckOptions.RunRequest run(String value) throws UsageException {
    int eq = value.indexOf('=');
    String target = eq < 0 ? value : value.substring(0, eq);
    if (target.isBlank()) {
      throw new UsageException("--run needs TARGET[=ARGS], got " + value);
    }
    var args = eq < 0 || value.substring(eq + 1).isBlank() ? List.<String>of()
        : Arrays.asList(value.substring(eq + 1).trim().split("\\s+"));
    return new CheckOptions.RunRequest(target, args);
  }

  /** A Go-style duration of whole units: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}. */
  static Duration duration(String value) throws UsageException {
    Duration total;
    try {
      total = RunUnits.duration("--timeout", value);
    } catch (IllegalArgumentException e) {
      total = Duration.ZERO;
    }
    if (total.isZero()) {
      throw new UsageException("--timeout needs a positive duration such as 500ms, 30s, 2m or 1h30m, got " + value);
    }
    return total;
  }
}
