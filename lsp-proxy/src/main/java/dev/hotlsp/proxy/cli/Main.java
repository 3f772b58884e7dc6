package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.CheckCommand;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.log.BridgeLogging;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.web.WebArgs;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.SandboxProbe;
import java.util.Optional;

/**
 * The {@code hotlsp} command line. Testable: streams and environment are injected and
 * {@link #run} returns the exit code (0 success, 1 findings or an unclean LSP exit, 2 failure);
 * only {@link #main} exits the JVM.
 */
public final class Main {
  /** How long children get to end after SIGTERM when HotLSP itself is told to stop by a signal. */
  private static final java.time.Duration SIGNAL_GRACE = java.time.Duration.ofMillis(500);
  /** How long an editor session runs before the cache upkeep starts (a walk of the cache, off the path to its first answer). */
  private static final java.time.Duration SERVE_UPKEEP_AFTER = java.time.Duration.ofSeconds(10);
  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public Main(InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    var stdout = new FileOutputStream(java.io.FileDescriptor.out);
    // Nothing may write to System.out by accident: it is the LSP channel.
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    System.exit(new Main(System.in, stdout, System.err, System.getenv()).run(args));
  }

  /** Runs one command to completion and returns its exit code. */
  public int run(String... args) {
    if (args.length > 0 && args[0].equals("test")) {
      return test(args);
    }
    Options options;
    WebArgs.Split web = null;
    try {
      if (args.length > 0 && args[0].equals("web")) {
        web = webArgs(args);
        var serveArgs = new java.util.ArrayList<>(List.of("serve"));
        serveArgs.addAll(web.serveArgs());
        options = OptionsParser.parse(serveArgs.toArray(String[]::new));
      } else {
        options = OptionsParser.parse(args);
      }
    } catch (UsageException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getMessage()));
      err.print(OptionsParser.USAGE);
      return 2;
    }
    switch (options.command()) {
      case "help" -> {
        err.print(OptionsParser.USAGE);
        return 0;
      }
      case "version" -> {
        var w = new PrintStream(out, true, StandardCharsets.UTF_8);
        w.println("hotlsp " + ProxyCore.VERSION);
        return 0;
      }
      case "doctor" -> {
        try (var launcher = new LocalProcessLauncher(tempBase())) {
          return new DoctorCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(
              SandboxProbe.probe(launcher), Isolation.parse(options.run().isolation()).orElseThrow(),
              dev.hotlsp.bridge.toolchain.GoToolchain.findGo(env)
                  .map(go -> new dev.hotlsp.bridge.toolchain.GoToolchain(go, env, launcher).sandbox()));
        }
      }
      case "cache" -> {
        return new CacheCommand(new PrintStream(out, true, StandardCharsets.UTF_8), err, env).run(options.cache());
      }
      case "crash" -> {
        try (var launcher = new LocalProcessLauncher()) {
          return new CrashCommand(in, out, err, env, launcher).run(options.crash());
        }
      }
      default -> { }
    }
    PrintStream logStream = err;
    try {
      if (options.log().isPresent()) {
        logStream = new PrintStream(new FileOutputStream(options.log().get().toFile(), true), true, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println(TerminalText.escape("hotlsp: cannot open log file " + options.log().get() + ": " + e.getMessage()));
      return 2;
    }
    var log = new Log(logStream, Clock.systemUTC(), options.debug(),
        !List.of("check", "run").contains(options.command()) || options.log().isPresent());
    try (var bridgeLogs = BridgeLogging.install(log);
        var launcher = new LocalProcessLauncher(tempBase());
        var stopOnSignal = ShutdownHook.install(() -> launcher.stopAll(SIGNAL_GRACE))) {
      CacheCommand.upkeep(env, tempBase(), options.cache().maxBytes(),
          options.command().equals("serve") ? SERVE_UPKEEP_AFTER : java.time.Duration.ZERO);
      return switch (options.command()) {
        case "serve" -> web != null
            ? new WebCommand(err, log, launcher, env, Clock.systemUTC()).run(web.web(), options,
                dir -> settings(options, dir), home().map(Path::of))
            : new ServeCommand(in, out, err, log, launcher, Clock.systemUTC())
            .run(settings(options, Path.of("").toAbsolutePath()), options);
        case "check" -> new CheckCommand(out, err, log, launcher, Clock.systemUTC(), err == System.err && stderrIsTerminal())
            .run(options.check(), options.trace(), options.checkTimeout(), dir -> settings(options, dir));
        case "run" -> new RunCommand(out, err, env, launcher, tempBase(), Clock.systemUTC(), log).run(options.runCommand(), options.run(), options.workspace().buildFlags());
        default -> 2;
      };
    } finally {
      if (logStream != err) {
        logStream.close();
      }
    }
  }

  /** {@code hotlsp test}: its own arguments ({@link TestArgs}), the bridge's log lines on stderr. */
  private int test(String[] args) {
    TestOptions options;
    try {
      options = TestArgs.parse(args);
    } catch (UsageException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getMessage()));
      err.print(OptionsParser.USAGE);
      return 2;
    }
    var log = new Log(err, Clock.systemUTC(), false, false);
    try (var bridgeLogs = BridgeLogging.install(log);
        var launcher = new LocalProcessLauncher(tempBase());
        var stopOnSignal = ShutdownHook.install(() -> launcher.stopAll(SIGNAL_GRACE))) {
      return new TestCommand(out, err, env, launcher, Clock.systemUTC()).run(options);
    }
  }

  /** Whether file descriptor 2 is a terminal (Linux: it links to a tty or pseudo-terminal). */
  private static boolean stderrIsTerminal() {
    try {
      var target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Where the children's scratch directory goes: TMPDIR if it names a directory, else java.io.tmpdir. */
  private Path tempBase() {
    var tmp = env.getOrDefault("TMPDIR", "");
    return !tmp.isEmpty() && Path.of(tmp).isAbsolute() && java.nio.file.Files.isDirectory(Path.of(tmp))
        ? Path.of(tmp) : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * {@code web}'s own options and the rest, for {@code serve}'s parser; a DIR after options is the
   * argument that parser finds unexpected.
   */
  private static WebArgs.Split webArgs(String[] args) throws UsageException {
    try {
      var split = WebArgs.split(List.of(args).subList(1, args.length));
      if (split.web().directory().equals(Path.of("."))) {
        for (int i = 0; i < split.serveArgs().size(); i++) {
          var serveArgs = new java.util.ArrayList<>(List.of("serve"));
          serveArgs.addAll(split.serveArgs().subList(0, i + 1));
          try {
            OptionsParser.parse(serveArgs.toArray(String[]::new));
          } catch (UsageException e) {
            if (e.getMessage().equals("unexpected argument: " + split.serveArgs().get(i))) {
              return split.withDirectory(i);
            }
          }
        }
      }
      return split;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** HotLSP's home (the launcher's {@code -Dhotlsp.home}), if known. */
  private Optional<String> home() {
    String home = env.getOrDefault("HOTLSP_HOME",
        System.getProperty("hotlsp.home", System.getProperty("hotlsp.repo", "")));
    return home.isEmpty() ? Optional.empty() : Optional.of(home);
  }

  ProxySettings settings(Options options, Path workingDirectory) {
    Optional<Path> tools = home().map(h -> Path.of(h, ".tools", "bin"));
    return new ProxySettings(options.gopls(), tools, env, workingDirectory, options.maxMessageBytes(),
        new SupervisorSettings(options.crashLimit(), options.crashWindow(), options.initializeTimeout(),
            Duration.ofSeconds(10), options.maxMessageBytes(), options.outbox()), options.workspace(), options.run(),
        options.testOnSave());
  }
}
