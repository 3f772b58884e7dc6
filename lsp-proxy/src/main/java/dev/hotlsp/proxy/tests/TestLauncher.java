package dev.hotlsp.proxy.tests;

import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.bridge.gotest.TestRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Starts one {@code go test} run (the bridge's {@code GoTestRunner} in a session; a script in a unit test). */
@FunctionalInterface
public interface TestLauncher {
  /** A started run: its report to come, and how to stop it (go and every test binary). */
  record Started(CompletableFuture<TestReport> result, Runnable stop) {}

  Started start(TestRequest request, TestListener listener) throws IOException;

  /** The bridge's runner as a launcher. */
  static TestLauncher of(dev.hotlsp.bridge.gotest.GoTestRunner runner) {
    return (request, listener) -> {
      try {
        var running = runner.start(request, listener);
        return new Started(running.result(), running::stop);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting go test", e);
      }
    };
  }
}
