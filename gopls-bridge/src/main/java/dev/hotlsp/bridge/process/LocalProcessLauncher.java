package dev.hotlsp.bridge.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts processes on this machine. On Linux each child is wrapped in {@code setpriv
 * --pdeathsig KILL} so it dies when HotLSP dies, even by SIGKILL. The parent-death signal fires
 * when the <em>thread</em> that forked the child ends, so every fork happens on one long-lived
 * thread owned by this launcher. Thread-safe.
 */
public final class LocalProcessLauncher implements ProcessLauncher, AutoCloseable {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final boolean deathSignal;
  private final ExecutorService forker =
      Executors.newSingleThreadExecutor(
          r -> {
            var t = new Thread(r, "hotlsp-process-launcher");
            t.setDaemon(true);
            return t;
          });

  public LocalProcessLauncher() {
    this(Files.isExecutable(SETPRIV));
  }

  LocalProcessLauncher(boolean deathSignal) {
    this.deathSignal = deathSignal;
  }

  @Override
  public ChildProcess start(CommandSpec spec) throws IOException {
    var command = new ArrayList<String>();
    if (deathSignal) {
      command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    command.addAll(spec.command());
    var builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    try {
      return new ChildProcess(forker.submit(builder::start).get(), spec);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("cannot start " + spec.display(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + spec.display(), e);
    }
  }

  @Override
  public void close() {
    forker.shutdownNow();
  }
}
