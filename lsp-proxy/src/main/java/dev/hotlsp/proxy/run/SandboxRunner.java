package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.RunningProgram;
import dev.hotlsp.bridge.run.SandboxProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

/**
 * The session's {@link Runner} and {@link SandboxProbe}, made on first use (probing starts a few
 * processes; a session that runs nothing never pays for it); closing stops every run. The runs'
 * private files live in a fresh {@code hotlsp-runs-<pid>.<start>-*} directory under {@code
 * tempBase} ({@link OwnedDirs}), mode 0711 (others may pass through it, not list it): an isolated
 * run switches to uid 65534 only where that uid can reach its copy of the binary, which the 0700
 * cache never allows. The directory goes when this closes, also when the JVM is stopped by a signal
 * (a shutdown hook for the span of the runner), and one left by a killed HotLSP goes with the next
 * one's first run ({@link #sweep}). Thread-safe.
 */
public final class SandboxRunner implements RunController.Launch, AutoCloseable {
  /** The start of the runs' directory name in the temporary directory. */
  static final String RUN_ROOT = "hotlsp-runs-";
  private final ProcessLauncher launcher;
  private final Path tempBase;
  private Path runRoot;
  private final Clock clock;
  private final Map<String, String> env;
  private SandboxProbe probe;
  private Runner runner;
  private boolean closed;
  private Thread onShutdown;

  /** @param tempBase where the runs' directory is made (TMPDIR, else java.io.tmpdir) */
  public SandboxRunner(ProcessLauncher launcher, Path tempBase, Clock clock, Map<String, String> env) {
    this.launcher = launcher;
    this.tempBase = tempBase;
    this.clock = clock;
    this.env = Map.copyOf(env);
  }

  public synchronized SandboxProbe probe() {
    if (probe == null) {
      probe = SandboxProbe.probe(launcher);
    }
    return probe;
  }

  @Override
  public RunningProgram start(RunSpec spec, RunListener listener) throws IOException {
    return runner().start(spec, listener);
  }

  @Override
  public RunningProgram start(RunSpec spec, RunListener listener, java.util.concurrent.CompletableFuture<Void> gate)
      throws IOException {
    return runner().start(spec, listener, gate);
  }

  private synchronized Runner runner() throws IOException {
    if (closed) {
      throw new IOException("HotLSP is stopping");
    }
    if (runner == null) {
      var owned = OwnedDirs.ofThisProcess();
      owned.sweep(tempBase, RUN_ROOT);
      runRoot = owned.create(tempBase, RUN_ROOT); // 0700, as every temporary directory
      Files.setPosixFilePermissions(runRoot, PosixFilePermissions.fromString("rwx--x--x"));
      runner = new Runner(launcher, probe(), runRoot, clock, env);
      onShutdown = Thread.ofPlatform().unstarted(this::close);
      Runtime.getRuntime().addShutdownHook(onShutdown);
    }
    return runner;
  }

  /**
   * Removes the runs' directories in {@code tempBase} that HotLSPs no longer running left behind
   * (killed by SIGKILL); the number removed.
   */
  public static int sweep(Path tempBase) {
    return OwnedDirs.ofThisProcess().sweep(tempBase, RUN_ROOT);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (runner != null) {
      runner.close(); // each run removes its own directory at its end
      FileTrees.delete(runRoot);
      try {
        Runtime.getRuntime().removeShutdownHook(onShutdown);
      } catch (IllegalStateException e) {
        // the JVM is stopping: this is the hook
      }
    }
  }
}
