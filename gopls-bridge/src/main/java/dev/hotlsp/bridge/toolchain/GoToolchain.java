package dev.hotlsp.bridge.toolchain;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The go toolchain HotLSP runs: where {@code go} is, and the base environment of every go
 * command ({@code GOTOOLCHAIN=local} always, so a {@code toolchain} line in a user's go.mod never
 * downloads another toolchain). Every go command it starts runs in its {@link BuildSandbox} (probed
 * on the first command: {@code go env} for go's paths, one {@code bwrap} run), with the {@link
 * BuildView} of its working directory and arguments. Thread-safe.
 */
public final class GoToolchain {
  private static final Path NICE = Path.of("/usr/bin/nice");
  private static final Path SH = Path.of("/bin/sh");
  private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");
  /** Further attempts at a group's nice value, 50 ms apart. */
  private static final String RETRIES = String.join(" ", java.util.Collections.nCopies(20, "x"));

  private static final System.Logger LOG = System.getLogger(GoToolchain.class.getName());
  private static final String OFF = "turned off";

  private final Path go;
  private final Map<String, String> baseEnv;
  private final ProcessLauncher launcher;
  private final Supplier<BuildSandbox> sandbox;
  private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

  /** The toolchain at {@code go}, its commands in the build sandbox where bubblewrap works. */
  public GoToolchain(Path go, Map<String, String> environment, ProcessLauncher launcher) {
    this(go, environment, launcher, Optional.empty());
  }

  private GoToolchain(Path go, Map<String, String> environment, ProcessLauncher launcher,
      Optional<BuildSandbox> sandbox) {
    this.go = go;
    var env = new HashMap<>(environment);
    env.put("GOTOOLCHAIN", "local");
    this.baseEnv = Map.copyOf(env);
    this.launcher = launcher;
    this.sandbox = sandbox.isPresent() ? sandbox::get : memoize(this::probeSandbox);
  }

  /** This toolchain with its go commands run as they are, outside any sandbox (for comparison). */
  public GoToolchain unsandboxed() {
    return new GoToolchain(go, baseEnv, launcher, Optional.of(BuildSandbox.off(OFF)));
  }

  /**
   * Says once in the log that go commands run without the build sandbox, when they do (the first
   * such command; a probe that ends with HotLSP never says it).
   */
  public void warnIfUnsandboxed() {
    if (launcher.stopping()) {
      return; // the probe may have failed for that reason alone, and the command will not start
    }
    var problem = sandbox().problem();
    if (problem.isPresent() && !problem.get().equals(OFF) && warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "go commands run without the build sandbox, so a workspace's cgo flags can"
          + " read any file HotLSP can (" + problem.get() + "); see hotlsp doctor");
    }
  }

  /** The build sandbox of this toolchain's commands (probed on first use). */
  public BuildSandbox sandbox() {
    return sandbox.get();
  }

  /**
   * Which files the findings of a go command run in {@code workingDir} may be shown on: the
   * command's sources and the module cache ({@link BuildScope}).
   */
  public BuildScope scope(Path workingDir) {
    var sandboxed = sandbox();
    var moduleCache = sandboxed.paths().flatMap(GoPaths::moduleCache)
        .or(() -> Optional.ofNullable(baseEnv.get("GOMODCACHE")).filter(m -> m.startsWith("/")).map(Path::of));
    return new BuildScope(BuildView.of(workingDir, List.of(), baseEnv), moduleCache, sandboxed.problem().isEmpty());
  }

  private BuildSandbox probeSandbox() {
    BuildSandbox probed;
    try {
      var argv = new ArrayList<String>(List.of(go.toString(), "env", "-json"));
      argv.addAll(List.of(GoPaths.VARIABLES));
      // from /, outside any module: go reads only its own and the user's settings
      var result = run(new CommandSpec(argv, baseEnv, Path.of("/")), "env");
      if (!result.ok()) {
        throw new IOException(result.stderr().strip());
      }
      probed = BuildSandbox.of(GoPaths.parse(result.stdout()), dev.hotlsp.bridge.run.SandboxProbe.bwrapProblem(launcher));
    } catch (IOException | RuntimeException e) {
      probed = BuildSandbox.off("go env failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BuildSandbox.off("interrupted");
    }
    LOG.log(System.Logger.Level.DEBUG, "go commands run in the build sandbox: " + probed);
    return probed;
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /** Finds {@code go} on the PATH of {@code environment}, then under /usr/local/go. */
  public static Optional<Path> findGo(Map<String, String> environment) {
    var candidates = new ArrayList<Path>();
    var goroot = environment.get("GOROOT");
    if (goroot != null && !goroot.isBlank()) {
      candidates.add(Path.of(goroot, "bin", "go"));
    }
    for (var dir : environment.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "go"));
      }
    }
    candidates.add(Path.of("/usr/local/go/bin/go"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  public Path go() {
    return go;
  }

  /** The environment every go command (and gopls) gets: the given one plus GOTOOLCHAIN=local. */
  public Map<String, String> environment() {
    return baseEnv;
  }

  /**
   * The command line and environment of {@code command}, ready for a {@link ProcessLauncher}: in
   * the build sandbox when there is one.
   */
  public CommandSpec spec(GoCommand command) {
    var argv = new ArrayList<String>();
    argv.add(go.toString());
    argv.add(command.verb());
    argv.addAll(command.args());
    var env = new HashMap<>(baseEnv);
    env.putAll(command.env());
    env.put("GOTOOLCHAIN", "local");
    var plain = new CommandSpec(argv, env, command.workingDir());
    warnIfUnsandboxed();
    return sandbox().wrap(plain, go, BuildView.of(command.workingDir(), command.args(), env), launcher.scratch());
  }

  /** Starts {@code command}; the caller reads its output and stops it. */
  public ChildProcess start(GoCommand command) throws IOException {
    return launcher.start(spec(command));
  }

  /**
   * {@link #start} at a lower CPU priority ({@code nice -n niceness}, 1–19), so the go command and
   * every compiler and linker it starts (they inherit it) yield the CPU to the editor's gopls.
   */
  public ChildProcess startNiced(GoCommand command, int niceness) throws IOException {
    return launcher.start(niced(spec(command), niceness));
  }

  /** {@link #run} at a lower CPU priority ({@code nice -n niceness}, 1–19). */
  public GoResult runNiced(GoCommand command, int niceness)
      throws IOException, InterruptedException {
    return run(niced(spec(command), niceness), command.verb());
  }

  /**
   * {@link #run} at the lowest CPU priority ({@code nice -n 19}), for work that must not slow a
   * build running beside it.
   */
  public GoResult runInBackground(GoCommand command) throws IOException, InterruptedException {
    return runNiced(command, 19);
  }

  /**
   * {@code spec} behind {@code nice -n niceness}; unchanged where there is no {@code nice}. The
   * launcher starts each child in a session of its own, and where the kernel groups a session's
   * processes for scheduling (CFS autogroup, {@code /proc/self/autogroup}) a nice value only ranks
   * processes inside their group: the session's group gets the same nice value too, or a niced
   * build would still take as much CPU as gopls.
   */
  private static CommandSpec niced(CommandSpec spec, int niceness) {
    if (niceness < 1 || niceness > 19) {
      throw new IllegalArgumentException("niceness out of 1..19: " + niceness);
    }
    if (!Files.isExecutable(NICE)) {
      return spec;
    }
    var argv = new ArrayList<String>();
    String n = Integer.toString(niceness);
    if (Files.isExecutable(SH) && Files.exists(AUTOGROUP)) {
      // only a group of its own (never the parent's, which is HotLSP's and gopls's), set n above
      // what HotLSP competes with: its group's nice value (a CI runner or a shell may have niced
      // it), or, where HotLSP is in no group of its own (the root group, an empty file: a process
      // started by init without a session of its own), its own nice value, which the shell
      // inherits; raising a group's nice value needs no privilege, but without CAP_SYS_ADMIN the
      // kernel refuses (EAGAIN) any change within 100 ms of another, anyone's (a build, a probe
      // and a graph reload start together): then a subshell in the same group retries every 50 ms
      // for up to a second while the command starts at once (the group is killed when the command
      // ends); a kernel without autogroup ignores the write
      argv.addAll(List.of(SH.toString(), "-c",
          "g=$(cat /proc/self/autogroup); p=$(cat /proc/$PPID/autogroup 2>/dev/null); q=${p##* }"
              + "; [ -n \"$q\" ] || q=$(" + NICE + ")"
              + "; m=$((${q:-0} + " + n + ")); [ $m -gt 19 ] && m=19"
              + "; if [ \"${g% nice*}\" != \"${p% nice*}\" ] && ! echo $m > /proc/self/autogroup 2>/dev/null"
              + "; then (for i in " + RETRIES + "; do sleep 0.05; echo $m > /proc/self/autogroup && break; done)"
              + " </dev/null >/dev/null 2>&1 & fi"
              + "; exec " + NICE + " -n " + n + " \"$@\"",
          "hotlsp-niced"));
    } else {
      argv.addAll(List.of(NICE.toString(), "-n", n));
    }
    argv.addAll(spec.command());
    return new CommandSpec(argv, spec.environment(), spec.workingDirectory());
  }

  /**
   * Runs {@code command} to completion, reading both streams as it goes. If the calling thread
   * is interrupted the whole process tree is stopped and {@link InterruptedException} thrown.
   */
  public GoResult run(GoCommand command) throws IOException, InterruptedException {
    return run(spec(command), command.verb());
  }

  private GoResult run(CommandSpec spec, String verb) throws IOException, InterruptedException {
    long start = System.nanoTime();
    var child = launcher.start(spec);
    child.stdin().close();
    var out = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stdout()));
    var err = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()));
    try {
      int code = child.onExit().get();
      return new GoResult(
          code, out.get(), err.get(), Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      child.stop(Duration.ofMillis(500));
      throw e;
    } catch (ExecutionException e) {
      throw new IOException("go " + verb + " failed", e.getCause());
    }
  }

}
