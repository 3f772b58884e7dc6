package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.CheckArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.hotlsp.bridge.build.RebuildConfig;
import dev.hotlsp.proxy.wire.OutboxLimits;
import dev.hotlsp.proxy.workspace.WorkspaceSettings;

/** Parses {@code hotlsp} arguments into {@link Options}. Pure. */
public final class OptionsParser {
  static final String USAGE = """
      usage: hotlsp serve [options]        speak LSP on stdin/stdout, in front of gopls
             hotlsp check [options] [DIR...] [--run TARGET[=ARGS] [--for DURATION] [--probe URL]...]...
                    [--timeout DURATION] [--env KEY=VALUE]...
                    [--format text|json|sarif|github] [--output FILE] [--fail-on error|warning|info|hint]
                                           CI check of Go workspaces: gopls, go build, runs of TARGETs;
                                           exit 0 clean, 1 findings at or above --fail-on, 2 failure
             hotlsp crash [--workspace DIR] [--format text|json] [FILE|-]
                                           map Go crash output (FILE or stdin) onto DIR's code; exit 0 none, 1 crash, 2 failure
             hotlsp run [options] [--workspace DIR] TARGET [-- ARGS]
                                           build TARGET and run it in the sandbox; exit with its code
                                           (128+N for signal N, 124 timeout, 125 sandbox error); a crash
                                     is also printed as FILE:LINE:COL: error: on the user's line
             hotlsp doctor [--isolation LEVEL]
                                           which sandbox protections this machine offers; exit 0 if
                                           isolated is fully available, else 1
             hotlsp cache [prune]          list the build cache per workspace (size, last used, in use);
                                           prune: remove what no live HotLSP uses
             hotlsp version | help
      options:
        --gopls CMD                 the language server to run (default: tool dir, GOBIN, GOPATH/bin, PATH)
        --log FILE                  write HotLSP's log to FILE instead of stderr
        --trace FILE                write every message (editor and gopls sides) with direction and time to FILE
        --max-message-bytes N       largest LSP message accepted (default 268435456, at most 1073741824)
        --outbox-bytes N            bytes queued for the editor or gopls before reading from the other waits (default 16777216)
        --stall-timeout-ms N        a peer that reads nothing for this long with its queue full is stalled (default 30000)
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
        --for DURATION              check: the --run before it is a server: it passes when it is still running
                                    after DURATION, with no crash and no recovered panic; it is then stopped
        --probe URL                 check: with --for, ask this loopback URL once while the --run before it
                                    runs (repeatable); a 5xx or no answer is a finding
        --no-watch                  serve: do not watch the workspace (no builds either)
        --no-build                  serve: watch, but do not rebuild run targets; check: gopls only, no go build
                                    (link errors are then not found; --run targets are still built)
        --target PKG                serve: a run target to rebuild on changes (repeatable; default every main package)
        --build PKG                 serve: build this run target when the workspace opens (repeatable; others
                                    are first built by the first change that affects them)
        --build-all-on-open         serve: build every run target when the workspace opens
        --exclude GLOB              serve: a path not to watch, relative to a workspace folder (repeatable)
        --build-flag FLAG           serve, run, check: a go build flag for HotLSP's builds, e.g. -race,
                                    -tags=integration (repeatable; one flag each; not -o, -C, -n, -json)
        --debounce-ms N             serve: quiet time that ends a batch of file changes (default 10)
        --stale-reasons             serve: add go list's StaleReason to hotlsp/buildEnded (costs build time)
        --test-on-save              serve: on each saved change, run the tests it can break (go test, niced,
                                    after the change's build; failures as diagnostics; off by default)
        --workspace DIR             crash: the Go workspace to map onto (default: the current directory)
        --format text|json          crash: output format (default text; json: docs/check-json.md)
        --cache-max SIZE            serve, run, check: at start, prune the build cache (in the background) to
                                    SIZE, least recently used first (default 2GiB); gone workspaces always go
        --debug                     more logging
      run options (serve and run; docs/lsp-extensions.md):
        --run TARGET                serve: run this main package (./cmd/server or its import path) and
                                    hot-restart it on every changed binary (repeatable; default none)
        --isolation LEVEL           local (default), isolated (bubblewrap, no network) or gvisor
        --memory SIZE               memory limit, e.g. 64MiB, 1GiB (default per level)
        --pids N                    process/thread limit (default per level)
        --cpu-seconds N             CPU time limit (default per level)
        --timeout DURATION          wall-clock limit, e.g. 500ms, 2s, 1m (off for local)
        --output-bytes SIZE         output kept per run (default 1MiB; the rest is counted and dropped)
        --network on|off            override the level's network access
        --env KEY=VALUE             serve, run, check: add to the program's environment (repeatable)
        --stop-signal SIG           how a program is asked to stop (default TERM), then --grace, then KILL
        --grace DURATION            time between the stop signal and SIGKILL (default 2s)
        --output-to-log             serve: also send the program's output as window/logMessage
        --no-rerun-exited           serve: a program that ended by itself (a CLI) stays ended until
                                    run again (default: its next changed binary runs it again)
        --report FILE               run: write the hotlsp/runEnded params to FILE as JSON
        --watch                     run: keep watching, rebuild and hot-restart on every changed binary
      """;

  private OptionsParser() {}

  public static Options parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String command = args[0];
    if (!List.of("serve", "check", "crash", "run", "doctor", "cache", "version", "help", "--version", "--help", "-h").contains(command)) {
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
    var startTargets = new java.util.ArrayList<String>();
    boolean startAll = false;
    var excludes = new java.util.ArrayList<String>();
    var buildFlags = new java.util.ArrayList<String>();
    Duration debounce = dev.hotlsp.bridge.watch.WatchConfig.DEFAULT_DEBOUNCE;
    boolean staleReasons = false;
    boolean testOnSave = false;
    Path crashWorkspace = Path.of(".");
    String format = "text";
    Optional<Path> input = Optional.empty();
    long outboxBytes = OutboxLimits.defaults().budgetBytes();
    Duration stallLimit = OutboxLimits.defaults().stallLimit();
    var run = new RunArgs();
    Optional<String> runTarget = Optional.empty();
    var programArgs = new java.util.ArrayList<String>();
    var check = new CheckArgs();
    long cacheMax = CacheOptions.DEFAULT_MAX_BYTES;
    boolean prune = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (command.equals("check") && CheckArgs.takes(a)) {
        try {
          i = check.take(args, i);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
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
        case "--cache-max" -> cacheMax = size(a, value(args, ++i, a));
        case "--no-watch" -> watch = false;
        case "--no-build" -> build = false;
        case "--target" -> targets.add(value(args, ++i, a));
        case "--build" -> startTargets.add(value(args, ++i, a));
        case "--build-all-on-open" -> startAll = true;
        case "--exclude" -> excludes.add(value(args, ++i, a));
        case "--build-flag" -> buildFlags.add(buildFlag(value(args, ++i, a)));
        case "--debounce-ms" -> debounce = Duration.ofMillis(number(args, ++i, a));
        case "--stale-reasons" -> staleReasons = true;
        case "--test-on-save" -> testOnSave = true;
        case "--workspace" -> crashWorkspace = Path.of(value(args, ++i, a));
        case "--format" -> format = value(args, ++i, a);
        case "--outbox-bytes" -> outboxBytes = number(args, ++i, a);
        case "--stall-timeout-ms" -> stallLimit = Duration.ofMillis(number(args, ++i, a));
        case "--run", "--isolation", "--memory", "--pids", "--cpu-seconds", "--timeout", "--output-bytes",
            "--network", "--stop-signal", "--grace", "--report", "--env" -> run.set(a, value(args, ++i, a));
        case "--output-to-log" -> run.outputToLog = true;
        case "--no-rerun-exited" -> run.rerunExited = false;
        case "--watch" -> run.watch = true;
        case "--" -> {
          if (!command.equals("run")) {
            throw new UsageException("unexpected argument: --");
          }
          programArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> {
          if (command.equals("run") && runTarget.isEmpty() && !a.startsWith("-")) {
            runTarget = Optional.of(a);
            continue;
          }
          if (command.equals("cache") && !prune && a.equals("prune")) {
            prune = true;
            continue;
          }
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
    if (command.equals("run") && runTarget.isEmpty()) {
      throw new UsageException("run needs a TARGET (a main package: ./cmd/server or its import path)");
    }
    if (command.equals("check") && directory.isEmpty()) {
      directory = Optional.of(Path.of("."));
    }
    try {
      var checkOptions = check.options();
      if (command.equals("check")) {
        directory = Optional.of(checkOptions.dirs().get(0));
      }
      return new Options(command, gopls, log, trace, maxBytes, crashLimit, window, initTimeout, checkTimeout,
          debug, directory, new WorkspaceSettings(watch && command.equals("serve"), watch && build, targets,
              excludes, debounce, staleReasons, startTargets, startAll, buildFlags),
          new CrashOptions(crashWorkspace, format, input.filter(p -> !p.toString().equals("-"))),
          new OutboxLimits(outboxBytes, stallLimit),
          run.options(),
          new RunCommandOptions(crashWorkspace, runTarget.orElse(""), programArgs, run.report, run.watch),
          checkOptions, new CacheOptions(cacheMax, prune), testOnSave);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String buildFlag(String flag) throws UsageException {
    try {
      return RebuildConfig.checkedUserFlag(flag);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static long size(String option, String text) throws UsageException {
    try {
      return dev.hotlsp.proxy.run.RunUnits.size(option, text);
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
