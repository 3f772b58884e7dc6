package dev.hotlsp.proxy.run;

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
 * private files live in a fresh {@code hotlsp-runs-*} directory under {@code tempBase}, mode 0711
 * (others may pass through it, not list it): an isolated run switches to uid 65534 only where that
 * uid can reach its copy of the binary, which the 0700 cache never allows. Thread-safe.
 */
public final class SandboxRunner implements RunController.Launch, AutoCloseable {
  private final ProcessLauncher launcher;
  private final Path tempBase;
  private Path runRoot;
  private final Clock clock;
  private final Map<String, String> env;
  private SandboxProbe probe;
  private Runner runner;
  private boolean closed;

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

  private synchronized Runner runner() throws IOException {
    if (closed) {
      throw new IOException("HotLSP is stopping");
    }
    if (runner == null) {
      runRoot = Files.createTempDirectory(tempBase, "hotlsp-runs-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setPosixFilePermissions(runRoot, PosixFilePermissions.fromString("rwx--x--x"));
      runner = new Runner(launcher, probe(), runRoot, clock, env);
    }
    return runner;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (runner != null) {
      runner.close();
      try {
        Files.deleteIfExists(runRoot); // each run removed its own directory at its end
      } catch (IOException e) {
        // a run directory left behind by a run that could not be removed: the log of the runner says why
      }
    }
  }
}
