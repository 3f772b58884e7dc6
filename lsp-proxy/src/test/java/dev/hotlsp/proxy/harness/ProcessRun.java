package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a command to completion with empty input, capturing both outputs; kills it when it overruns. */
public final class ProcessRun {
  private ProcessRun() {}

  /**
   * @throws AssertionError when the command is still running after {@code timeout} (it is killed)
   */
  public static CliResult run(CommandSpec spec, Duration timeout) throws IOException, InterruptedException {
    try (var launcher = new LocalProcessLauncher()) {
      var child = launcher.start(spec);
      child.stdin().close();
      var out = CompletableFuture.supplyAsync(() -> readAll(child.stdout()));
      var err = CompletableFuture.supplyAsync(() -> readAll(child.stderr()));
      try {
        int code = child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new CliResult(code, out.get(), err.get());
      } catch (TimeoutException e) {
        child.kill();
        throw new AssertionError(spec.display() + " still running after " + timeout + "; it printed:\n" + out.getNow("") + err.getNow(""));
      } catch (ExecutionException e) {
        throw new IllegalStateException(spec.display(), e.getCause());
      }
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
