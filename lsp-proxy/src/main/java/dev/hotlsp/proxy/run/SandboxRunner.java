package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.RunningProgram;
import dev.hotlsp.bridge.run.SandboxProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The session's {@link Runner} and {@link SandboxProbe}, made on first use (probing starts a few
 * processes; a session that runs nothing never pays for it); closing stops every run. Thread-safe.
 */
public final class SandboxRunner implements RunController.Launch, AutoCloseable {
  private final ProcessLauncher launcher;
  private final CacheDirs cache;
  private final Clock clock;
  private final Map<String, String> env;
  private SandboxProbe probe;
  private Runner runner;
  private boolean closed;

  public SandboxRunner(ProcessLauncher launcher, CacheDirs cache, Clock clock, Map<String, String> env) {
    this.launcher = launcher;
    this.cache = cache;
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
      Path runRoot = cache.ensure(Path.of("runs"));
      runner = new Runner(launcher, probe(), runRoot, clock, env);
    }
    return runner;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (runner != null) {
      runner.close();
    }
  }
}
