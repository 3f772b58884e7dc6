package dev.hotlsp.proxy.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.ProcStat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real launcher and jar in front of the real gopls and go: however HotLSP ends — the editor
 * closes the pipe, or HotLSP gets SIGKILL, SIGTERM or SIGHUP in the middle of a build — gopls, go,
 * go's compile, gopls's own children and every other descendant are gone within a few seconds, and
 * so are the files go keeps in TMPDIR (its work directory, response files).
 */
class NoOrphansIT {
  private static final Path REPO = Path.of(System.getProperty("hotlsp.repo"));
  /** Enough generated code that go's compile of the workspace runs for seconds. */
  private static final int GENERATED_FUNCTIONS = 20000;

  private static Process startProxy(Path workspace, Map<String, String> env) throws IOException {
    // --build-all-on-open: the workspace's main package is built at once (nothing is built on open by default)
    var pb = new ProcessBuilder(REPO.resolve("hotlsp").toString(), "serve", "--build-all-on-open",
            "--gopls", HarnessEnv.gopls().toString())
        .directory(workspace.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Process startProxy() throws IOException {
    return startProxy(REPO.resolve("test-workspaces/hello"), HarnessEnv.childEnvironment());
  }

  private static void send(OutputStream in, String body) throws IOException {
    in.write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Sends initialize for {@code root} and waits for its answer, so gopls is surely running; keeps
   * reading HotLSP's output afterwards so it never blocks on a full pipe.
   */
  private static void initialize(Process proxy, Path root) throws Exception {
    var uri = root.toUri().toString();
    send(proxy.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
        + "\"rootUri\":\"" + uri + "\",\"workspaceFolders\":[{\"uri\":\"" + uri + "\",\"name\":\"ws\"}],"
        + "\"capabilities\":{}}}");
    var answered = new CompletableFuture<Void>();
    Thread.ofPlatform().daemon().start(() -> drain(proxy.getInputStream(), answered));
    answered.get(60, TimeUnit.SECONDS);
  }

  private static void drain(InputStream out, CompletableFuture<Void> answered) {
    var text = new ByteArrayOutputStream();
    var buf = new byte[8192];
    try {
      for (int n; (n = out.read(buf)) >= 0; ) {
        if (!answered.isDone()) {
          text.write(buf, 0, n);
          if (text.toString(StandardCharsets.UTF_8).contains("HotLSP")) {
            answered.complete(null);
          }
        }
      }
    } catch (IOException e) {
      // HotLSP ended
    }
    answered.completeExceptionally(new AssertionError("no initialize answer: " + text));
  }

  private static List<ProcessHandle> children(Process proxy) {
    return proxy.toHandle().descendants().toList();
  }

  /**
   * Every handle has exited within {@code wait}. An exited process whose parent died stays a
   * zombie until PID 1 reaps it, and Java still calls a zombie alive, so the process state is read
   * from /proc (with the command name, so a reused pid does not count).
   */
  private static void assertAllGoneWithin(Duration wait, Map<ProcessHandle, String> handles) {
    try {
      Poll.until("every recorded descendant of HotLSP has exited", wait,
          () -> handles.entrySet().stream().noneMatch(e -> ProcStat.isLive(e.getKey().pid(), e.getValue())),
          () -> "orphans left running: " + handles.entrySet().stream()
              .filter(e -> ProcStat.isLive(e.getKey().pid(), e.getValue()))
              .map(e -> e.getKey().pid() + " " + e.getKey().info().commandLine().orElse(e.getValue()))
              .toList());
    } finally {
      handles.keySet().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static Map<ProcessHandle, String> named(List<ProcessHandle> handles) {
    var out = new HashMap<ProcessHandle, String>();
    for (var h : handles) {
      ProcStat.of(h.pid()).ifPresent(stat -> out.put(h, stat.comm()));
    }
    return out;
  }

  @Test
  void killingHotlspTakesGoplsWithIt() throws Exception {
    var proxy = startProxy();
    initialize(proxy, REPO.resolve("test-workspaces/hello"));
    var children = named(children(proxy));
    assertFalse(children.isEmpty(), "gopls runs as a child");
    assertTrue(children.containsValue("gopls"), children.toString());
    proxy.destroyForcibly();
    proxy.waitFor(5, TimeUnit.SECONDS);
    assertAllGoneWithin(Duration.ofSeconds(2), children);
  }

  @Test
  void closingTheEditorPipeStopsEverything() throws Exception {
    var proxy = startProxy();
    initialize(proxy, REPO.resolve("test-workspaces/hello"));
    var children = named(children(proxy));
    proxy.getOutputStream().close();
    assertTrue(proxy.waitFor(5, TimeUnit.SECONDS), "hotlsp exits when the editor goes away");
    assertAllGoneWithin(Duration.ofSeconds(2), children);
  }

  /**
   * HotLSP is stopped by {@code signal} while go's compile runs under it. The descendants are
   * recorded while the build runs (go, compile, gopls, gopls's telemetry child...), so processes
   * reparented to init when their parent died are still checked.
   */
  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"KILL", "TERM", "HUP"})
  void stoppingHotlspDuringABuildLeavesNoDescendant(String signal, @TempDir Path tmp) throws Exception {
    var workspace = workspaceWithALongCompile(tmp);
    var tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
    var env = new HashMap<>(HarnessEnv.withCacheHome(tmp.resolve("cache")));
    env.put("TMPDIR", tmpdir.toString());
    var proxy = startProxy(workspace, env);
    try {
      initialize(proxy, workspace);
      send(proxy.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      Poll.until("go's compile runs under HotLSP", Duration.ofSeconds(120),
          () -> named(children(proxy)).containsValue("compile"),
          () -> named(children(proxy)).values().toString());
      var recorded = named(children(proxy));

      switch (signal) {
        case "KILL" -> proxy.destroyForcibly();
        case "TERM" -> proxy.destroy();
        default -> new ProcessBuilder("kill", "-" + signal, Long.toString(proxy.pid())).start().waitFor();
      }

      assertTrue(proxy.waitFor(10, TimeUnit.SECONDS), "HotLSP ends on SIG" + signal);
      assertAllGoneWithin(Duration.ofSeconds(5), recorded);
      Poll.until("go's work directories and response files are removed", Duration.ofSeconds(5),
          () -> list(tmpdir).isEmpty(), () -> list(tmpdir).toString());
    } finally {
      proxy.destroyForcibly();
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> !f.equals(dir)).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A copy of test-workspaces/hello whose main package has a large generated file that compiles afresh. */
  private static Path workspaceWithALongCompile(Path tmp) throws IOException {
    var workspace = Files.createDirectories(tmp.resolve("ws"));
    try (Stream<Path> files = Files.list(REPO.resolve("test-workspaces/hello"))) {
      for (var file : files.toList()) {
        Files.copy(file, workspace.resolve(file.getFileName().toString()));
      }
    }
    var nonce = System.nanoTime();
    var code = Stream.iterate(0, i -> i + 1).limit(GENERATED_FUNCTIONS)
        .map(i -> "func f" + i + "(x int) int { s := 0; for j := 0; j < x; j++ { if j%3 == " + (i % 3)
            + " { s += j * " + i + " } else { s -= j } }; return s + " + i + " + nonce }")
        .collect(Collectors.joining("\n", "package main\n\nconst nonce = " + nonce + "\n\n", "\n"));
    Files.writeString(workspace.resolve("zz_generated.go"), code);
    return workspace;
  }
}
