package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.run.HttpProbe;
import dev.hotlsp.proxy.run.RunUnits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Collects the arguments only {@code hotlsp check} takes (see {@link CheckOptions}); pure. A bad
 * argument is an {@link IllegalArgumentException} with the message for the user.
 */
public final class CheckArgs {
  private static final List<String> OPTIONS =
      List.of("--run", "--timeout", "--format", "--output", "--fail-on", "--for", "--probe", "--tests", "--junit");

  private final List<Path> dirs = new ArrayList<>();
  private final List<CheckOptions.RunRequest> runs = new ArrayList<>();
  private Duration runTimeout = CheckOptions.DEFAULT_RUN_TIMEOUT;
  private String format = "text";
  private Optional<Path> output = Optional.empty();
  private Severity failOn = Severity.ERROR;
  private boolean tests;
  private Optional<Path> junit = Optional.empty();

  /** True when {@code arg} is check's own: one of its options, or a DIR. */
  public static boolean takes(String arg) {
    return OPTIONS.contains(arg) || !arg.startsWith("-");
  }

  /** Takes {@code args[i]} (and its value); returns the index of the last argument used. */
  public int take(String[] args, int i) {
    String a = args[i];
    if (!a.startsWith("-")) {
      dirs.add(Path.of(a));
      return i;
    }
    if (a.equals("--tests")) {
      tests = true;
      return i;
    }
    if (i + 1 >= args.length || args[i + 1].isEmpty()) {
      throw new IllegalArgumentException(a + " needs a value");
    }
    String v = args[i + 1];
    switch (a) {
      case "--run" -> runs.add(run(v));
      case "--timeout" -> runTimeout = duration("--timeout", v);
      case "--format" -> format = v;
      case "--output" -> output = Optional.of(Path.of(v));
      case "--fail-on" -> failOn = Severity.parse(v)
          .orElseThrow(() -> new IllegalArgumentException("--fail-on must be error, warning, info or hint, got " + v));
      case "--for" -> runs.add(last(a).withFor(duration("--for", v)));
      case "--probe" -> runs.add(last(a).withProbe(probe(v)));
      case "--junit" -> {
        junit = Optional.of(Path.of(v));
        tests = true;
      }
      default -> throw new IllegalArgumentException("unknown option: " + a);
    }
    return i + 1;
  }

  public CheckOptions options() {
    return new CheckOptions(dirs.isEmpty() ? List.of(Path.of(".")) : dirs, runs, runTimeout, format, output, failOn,
        tests, junit);
  }

  /** The {@code --run} that {@code option} belongs to (the one before it), taken off the list to be replaced. */
  private CheckOptions.RunRequest last(String option) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(option + " belongs to a --run TARGET: give it after that --run");
    }
    return runs.removeLast();
  }

  /** {@code TARGET} or {@code TARGET=ARGS}, the arguments separated by white space. */
  static CheckOptions.RunRequest run(String value) {
    int eq = value.indexOf('=');
    String target = eq < 0 ? value : value.substring(0, eq);
    if (target.isBlank()) {
      throw new IllegalArgumentException("--run needs TARGET[=ARGS], got " + value);
    }
    var args = eq < 0 || value.substring(eq + 1).isBlank() ? List.<String>of()
        : Arrays.asList(value.substring(eq + 1).trim().split("\\s+"));
    return new CheckOptions.RunRequest(target, args);
  }

  /** A loopback {@code http} URL (127.0.0.0/8, ::1, localhost): a probe reaches only the program's own loopback. */
  static URI probe(String value) {
    try {
      var url = new URI(value);
      if (HttpProbe.loopback(url)) {
        return url;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException("--probe takes an http URL on the loopback (127.0.0.1, [::1] or localhost), got "
        + value);
  }

  /** A Go-style duration of whole units: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}. */
  static Duration duration(String option, String value) {
    Duration total;
    try {
      total = RunUnits.duration(option, value);
    } catch (IllegalArgumentException e) {
      total = Duration.ZERO;
    }
    if (total.isZero()) {
      throw new IllegalArgumentException(option + " needs a positive duration such as 500ms, 30s, 2m or 1h30m, got " + value);
    }
    return total;
  }
}
