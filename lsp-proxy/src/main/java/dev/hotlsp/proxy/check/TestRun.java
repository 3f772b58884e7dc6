package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.gotest.GoTestRunner;
import dev.hotlsp.bridge.gotest.TestListener;
import dev.hotlsp.bridge.gotest.TestReport;
import dev.hotlsp.bridge.gotest.TestRequest;
import dev.hotlsp.bridge.graph.AffectedTests;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.graph.GraphLoadException;
import dev.hotlsp.bridge.graph.ImportGraphLoader;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One workspace's tests run headless, for {@code hotlsp test} and {@code hotlsp check --tests}:
 * which packages' tests a set of files can break (the import graph's {@link AffectedTests}), and
 * the run itself through the bridge's {@link GoTestRunner} (findings already placed), not niced
 * (as {@code check}'s go build). An interrupt stops the run.
 */
public final class TestRun {
  private final GoToolchain go;
  private final GoTestRunner runner;

  private TestRun(GoToolchain go, GoTestRunner runner) {
    this.go = go;
    this.runner = runner;
  }

  /**
   * The tests of {@code env}'s go, started by {@code launcher}.
   *
   * @throws IOException when there is no go on the PATH
   */
  public static TestRun of(ProcessLauncher launcher, Map<String, String> env, Clock clock) throws IOException {
    var goPath = GoToolchain.findGo(env).orElseThrow(() -> new IOException("go is not on PATH; it runs the tests"));
    var go = new GoToolchain(goPath, env, launcher);
    var probe = new java.util.concurrent.atomic.AtomicReference<SandboxProbe>();
    // headless: no editor waits on gopls, so go test runs at HotLSP's own priority, as check's go build
    return new TestRun(go, new GoTestRunner(go, launcher, () -> probe.updateAndGet(
        p -> p != null ? p : SandboxProbe.probe(launcher)), clock, 0));
  }

  /** go test's own flags: not build flags, so go list (the graph) refuses them. */
  private static final java.util.Set<String> TEST_ONLY = java.util.Set.of("count", "run", "skip", "v", "short",
      "failfast", "parallel", "cpu", "timeout", "shuffle", "bench", "benchtime", "benchmem", "list", "fullpath",
      "fuzz", "fuzztime", "fuzzminimizetime", "cover", "covermode", "coverpkg", "coverprofile", "vet", "json",
      "blockprofile", "cpuprofile", "memprofile", "mutexprofile", "outputdir", "trace");

  /**
   * The import paths of {@code dir}'s packages whose tests depend on one of {@code files}; the graph
   * is listed with {@code flags} that are build flags ({@code -tags}, {@code -race}…), not go test's own.
   */
  public List<String> affected(Path dir, Collection<Path> files, List<String> flags)
      throws IOException, InterruptedException {
    var buildFlags = flags.stream()
        .filter(f -> !TEST_ONLY.contains(f.replaceFirst("^--?", "").replaceFirst("=.*$", ""))).toList();
    try {
      var graph = new ImportGraphLoader(go, buildFlags).load(GoWorkspace.detect(dir, go));
      return AffectedTests.of(graph, files.stream().map(f -> realish(f.toAbsolutePath().normalize())).toList());
    } catch (GraphLoadException e) {
      throw new IOException("go list cannot read " + dir + ": " + e.getMessage().strip(), e);
    }
  }

  /** Runs {@code request} to its end; the listener hears each package as it ends. */
  public TestReport run(TestRequest request, TestListener listener) throws IOException, InterruptedException {
    var running = runner.start(request, listener);
    try {
      return running.result().get();
    } catch (InterruptedException e) {
      running.stop();
      throw e;
    } catch (ExecutionException e) {
      throw new IOException("go test failed: " + e.getCause(), e.getCause());
    }
  }

  /** The real path of {@code file} (go lists real paths), or of its directory for a deleted file. */
  private static Path realish(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      try {
        return file.getParent().toRealPath().resolve(file.getFileName());
      } catch (IOException | RuntimeException again) {
        return file;
      }
    }
  }
}
