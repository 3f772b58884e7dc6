package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.run.TestExec;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs {@code go test -json} for a {@link TestRequest}: go (and the compiler and linker it starts)
 * through the {@link GoToolchain} — its build sandbox — at the builds' lower CPU priority ({@code nice
 * -n 10}; a headless run, where no editor waits on gopls, may run at HotLSP's own); each test binary through {@code -exec} and the run sandbox's wrapper ({@link TestExec}).
 * The stream is parsed as it comes ({@link GoTestOutput}), each package's placed result handed to
 * the listener when it ends. Thread-safe; each run is independent.
 */
public final class GoTestRunner {
  /** The CPU priority of go test: the builds'. */
  static final int NICENESS = 10;
  private static final Duration STOP_GRACE = Duration.ofMillis(500);

  private final GoToolchain go;
  private final ProcessLauncher launcher;
  private final Supplier<SandboxProbe> probe;
  private final Clock clock;
  private final int niceness;

  /** A runner at the builds' CPU priority (niced), for the editor. */
  public GoTestRunner(GoToolchain go, ProcessLauncher launcher, Supplier<SandboxProbe> probe, Clock clock) {
    this(go, launcher, probe, clock, NICENESS);
  }

  /**
   * @param launcher the launcher {@code go} runs through: its scratch directory (visible in the
   *     build sandbox) holds each run's {@code -exec} wrapper
   * @param probe the machine's sandbox facilities, asked on a run's start
   * @param niceness go's {@code nice -n} value, 1–19, or 0 to run at HotLSP's own priority (headless)
   */
  public GoTestRunner(GoToolchain go, ProcessLauncher launcher, Supplier<SandboxProbe> probe, Clock clock,
      int niceness) {
    if (niceness < 0 || niceness > 19) {
      throw new IllegalArgumentException("niceness out of 0..19: " + niceness);
    }
    this.go = go;
    this.launcher = launcher;
    this.probe = probe;
    this.clock = clock;
    this.niceness = niceness;
  }

  /**
   * Starts the run: reads the workspace (go.mod or go.work, its Go files), writes the wrapper,
   * starts go.
   *
   * @throws IOException when the workspace has no go.mod or go.work, the sandbox the request asks
   *     for is unavailable ({@link dev.hotlsp.bridge.run.SandboxUnavailableException}), or go cannot
   *     be started
   */
  public RunningTests start(TestRequest request, TestListener listener) throws IOException, InterruptedException {
    var began = clock.instant();
    var workspace = GoWorkspace.detect(request.workspace(), go);
    var index = WorkspaceIndex.scan(workspace);
    var script = TestExec.script(probe.get(), request.isolation(), request.limits(), workspace.root());
    var parent = launcher.scratch().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    var dir = Files.createTempDirectory(parent, "hotlsp-test-");
    try {
      var wrapper = TestExec.write(dir, script);
      var workingDir = request.workspace().toRealPath();
      var findings = new TestFindings(index, new FileSourceLines(), workingDir, go.scope(workingDir));
      var command = new GoCommand("test", arguments(request, wrapper, workspace, workingDir), Map.of(), workingDir);
      var child = niceness == 0 ? go.start(command) : go.startNiced(command, niceness);
      return RunningTests.start(child, new GoTestOutput(findings, listener), clock, began, STOP_GRACE,
          () -> FileTrees.delete(dir));
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(dir);
      throw e;
    }
  }

  /** go test's arguments: {@code -json -exec WRAPPER [-run R] [-timeout T] flags… packages…}. */
  static List<String> arguments(TestRequest request, Path wrapper, GoWorkspace workspace, Path workingDir) {
    var args = new ArrayList<String>(List.of("-json", "-exec", wrapper.toString()));
    if (request.run() != null) {
      args.addAll(List.of("-run", request.run()));
    }
    var timeout = request.timeout() != null ? request.timeout() : request.limits().timeout().orElse(null);
    if (timeout != null) {
      args.addAll(List.of("-timeout", goDuration(timeout)));
    }
    args.addAll(request.buildFlags());
    if (request.packages().isEmpty()) {
      workspace.patterns().stream()
          .map(p -> workspace.root().resolve(p.substring(2)).normalize())
          .map(p -> relative(workingDir, p))
          .forEach(args::add);
    } else {
      args.addAll(request.packages());
    }
    return args;
  }

  private static String relative(Path from, Path pattern) {
    var rel = from.relativize(pattern).toString();
    return rel.equals("..") || rel.startsWith("../") ? pattern.toString() : "./" + rel;
  }

  /** {@code 1500ms}: go's duration syntax in milliseconds (at least 1). */
  static String goDuration(Duration d) {
    return Math.max(1, d.toMillis()) + "ms";
  }
}
