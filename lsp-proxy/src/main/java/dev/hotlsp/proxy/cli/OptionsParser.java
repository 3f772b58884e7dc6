package dev.hotlsp.proxy.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;

/** Parses {@code hotlsp} arguments into {@link Options}. Pure. */
public final class OptionsParser {
  static final String USAGE = """
      usage: hotlsp serve [options]        speak LSP on stdin/stdout, in front of gopls
             hotlsp check [options] [DIR...] [--run TARGET[=ARGS]]... [--timeout DURATION]
                    [--format text|json|sarif|github] [--output FILE] [--fail-on error|warning|info|hint]
                                           CI check of Go workspaces: gopls, go build, runs of TARGETs;
                                           exit 0 clean, 1 findings at or above --fail-on, 2 failure
             hotlsp crash [--workspace DIR] [--format text|json] [FILE|-]
                                           map Go crash output (FILE or stdin) onto DIR's code; exit 0 none, 1 crash, 2 failure
             hotlsp version | help
      options:
        --gopls CMD                 the language server to run (default: tool dir, GOBIN, GOPATH/bin, PATH)
        --log FILE                  write HotLSP's log to FILE instead of stderr
        --trace FILE                write every message (editor and gopls sides) with direction and time to FILE
        --max-message-bytes N       largest LSP message accepted (default 268435456)
        --crash-limit N             stop restarting gopls after N crashes in the window (default 5)
        --crash-window-seconds S    the window of --crash-limit (default 180)
        --initialize-timeout-ms N   a gopls that takes longer to answer initialize has crashed (default 30000)
        --timeout-seconds S         check: give up on gopls after S seconds (default 300)
        --run TARGET[=ARGS]         check: build and run this main package isolated (repeatable); a crash,
                                    timeout, memory limit or non-zero exit is a finding
        --timeout DURATION          check: wall-clock limit of each --run, e.g. 500ms, 30s, 2m (default 60s)
        --format FORMAT             check: text (default), json (docs/check-json.md), sarif (2.1.0), github
        --output FILE               check: write the report to FILE instead of standard output
        --fail-on SEVERITY          check: lowest severity that exits 1: error (default), warning, info, hint
        --no-watch                  serve: do not watch the workspace (no builds either)
        --no-build                  serve: watch, but do not rebuild run targets; check: gopls only, no go build
                                    (link errors are then not found; --run targets are still built)
        --target PKG                serve: a run target to build (repeatable; default every main package)
        --exclude GLOB              serve: a path not to watch, relative to a workspace folder (repeatable)
        --debounce-ms N             serve: quiet time that ends a batch of file changes (default 50)
        --stale-reasons             serve: add go list's StaleReason to hotlsp/buildEnded (costs build time)
        --workspace DIR             crash: the Go workspace to map onto (default: the current directory)
        --format text|json          crash: output format (default text; json: docs/check-json.md)
        --debug                     more logging
      """;

  private OptionsParser() {}

  public static Options parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String command = args[0];
    if (!List.of("serve", "check", "crash", "version", "help", "--version", "--help", "-h").contains(command)) {
      throw new UsageException("unknown command: " + command);
    }
    command = switch (command) {
      case "--version" -> "version";
      case "--help", "-h" -> "help";
      default -> command;
    };
    Optional<List<String>> gopls = Optional.empty();
    Optional<Path> log = Optional.empty();
    Optional<Path> trace = Optional.empty();
    Optional<Path> directory = Optional.empty();
    long maxBytes = 256L << 20;
    int crashLimit = 5;
    Duration window = Duration.ofMinutes(3);
    Duration initTimeout = Duration.ofSeconds(30);
    Duration checkTimeout = Duration.ofMinutes(5);
    boolean debug = false;
    boolean watch = true;
    boolean build = true;
    var targets = new java.util.ArrayList<String>();
    var excludes = new java.util.ArrayList<String>();
    Duration debounce = Duration.ofMillis(50);
    boolean staleReasons = false;
    Path crashWorkspace = Path.of(".");
    String format = "text";
    Optional<Path> input = Optional.empty();
    var check = new CheckArgs();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (command.equals("check") && CheckArgs.takes(a)) {
        i = check.take(args, i);
        continue;
      }
      switch (a) {
        case "--gopls" -> gopls = Optional.of(Arrays.asList(value(args, ++i, a).trim().split("\\s+")));
        case "--log" -> log = Optional.of(Path.of(value(args, ++i, a)));
        case "--trace" -> trace = Optional.of(Path.of(value(args, ++i, a)));
        case "--max-message-bytes" -> maxBytes = number(args, ++i, a);
        case "--crash-limit" -> crashLimit = (int) number(args, ++i, a);
        case "--crash-window-seconds" -> window = Duration.ofSeconds(number(args, ++i, a));
        case "--initialize-timeout-ms" -> initTimeout = Duration.ofMillis(number(args, ++i, a));
        case "--timeout-seconds" -> checkTimeout = Duration.ofSeconds(number(args, ++i, a));
        case "--debug" -> debug = true;
        case "--no-watch" -> watch = false;
        case "--no-build" -> build = false;
        case "--target" -> targets.add(value(args, ++i, a));
        case "--exclude" -> excludes.add(value(args, ++i, a));
        case "--debounce-ms" -> debounce = Duration.ofMillis(number(args, ++i, a));
        case "--stale-reasons" -> staleReasons = true;
        case "--workspace" -> crashWorkspace = Path.of(value(args, ++i, a));
        case "--format" -> format = value(args, ++i, a);
        default -> {
          if (command.equals("crash") && input.isEmpty() && (a.equals("-") || !a.startsWith("-"))) {
            input = Optional.of(Path.of(a));
            continue;
          }
          if (a.startsWith("-")) {
            throw new UsageException("unknown option: " + a);
          }
          if (!command.equals("check") || directory.isPresent()) {
            throw new UsageException("unexpected argument: " + a);
          }
          directory = Optional.of(Path.of(a));
        }
      }
    }
    try {
      var checkOptions = check.options();
      if (command.equals("check")) {
        directory = Optional.of(checkOptions.dirs().get(0));
      }
      return new Options(command, gopls, log, trace, maxBytes, crashLimit, window, initTimeout, checkTimeout,
          debug, directory, new WorkspaceSettings(watch && command.equals("serve"), watch && build, targets,
              excludes, debounce, staleReasons),
          new CrashOptions(crashWorkspace, format, input.filter(p -> !p.toString().equals("-"))), checkOptions);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].isEmpty()) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String[] args, int i, String option) throws UsageException {
    try {
      long n = Long.parseLong(value(args, i, option));
      if (n < 0) {
        throw new UsageException(option + " must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number, got " + args[i]);
    }
  }
}
