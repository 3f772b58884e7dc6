package dev.hotlsp.proxy.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real launcher and jar in front of the real gopls: when the editor kills HotLSP (SIGKILL)
 * or closes the pipe, gopls and every other child are gone within 2 s.
 */
class NoOrphansIT {
  private static final Path REPO = Path.of(System.getProperty("hotlsp.repo"));

  private static Process startProxy() throws Exception {
    var pb = new ProcessBuilder(REPO.resolve("hotlsp").toString(), "serve")
        .directory(REPO.resolve("test-workspaces/hello").toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  /** Sends initialize and waits for its answer, so gopls is surely running. */
  private static void initialize(Process proxy) throws Exception {
    var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":\""
        + REPO.resolve("test-workspaces/hello").toUri() + "\",\"capabilities\":{}}}";
    OutputStream in = proxy.getOutputStream();
    in.write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
    in.flush();
    var answer = CompletableFuture.supplyAsync(() -> {
      try {
        var out = proxy.getInputStream();
        var text = new StringBuilder();
        int b;
        while ((b = out.read()) >= 0) {
          text.append((char) b);
          if (text.indexOf("HotLSP") >= 0) {
            return text.toString();
          }
        }
        return text.toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertTrue(answer.get(60, TimeUnit.SECONDS).contains("HotLSP"));
  }

  private static List<ProcessHandle> children(Process proxy) {
    return proxy.toHandle().descendants().toList();
  }

  /**
   * Every handle has exited within 2 s. An exited process whose parent died stays a zombie until
   * PID 1 reaps it, and Java still calls a zombie alive, so the process state is read from /proc.
   */
  private static void assertAllGoneWithin2s(List<ProcessHandle> handles) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (var h : handles) {
      var exited = CompletableFuture.anyOf(h.onExit(), CompletableFuture.runAsync(() -> {
        while (!isZombieOrGone(h.pid())) {
          Thread.onSpinWait();
        }
      }));
      try {
        exited.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        var line = h.info().commandLine().orElse("");
        h.destroyForcibly();
        throw new AssertionError("orphan left running: pid " + h.pid() + " " + line);
      }
    }
  }

  private static boolean isZombieOrGone(long pid) {
    try {
      var stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return true;
    }
  }

  @Test
  void killingHotlspTakesGoplsWithIt() throws Exception {
    var proxy = startProxy();
    initialize(proxy);
    var children = children(proxy);
    assertFalse(children.isEmpty(), "gopls runs as a child");
    assertTrue(children.stream().anyMatch(h -> h.info().command().orElse("").endsWith("gopls")), children.toString());
    proxy.destroyForcibly();
    proxy.waitFor(5, TimeUnit.SECONDS);
    assertAllGoneWithin2s(children);
  }

  @Test
  void closingTheEditorPipeStopsEverything() throws Exception {
    var proxy = startProxy();
    initialize(proxy);
    var children = children(proxy);
    proxy.getOutputStream().close();
    assertTrue(proxy.waitFor(5, TimeUnit.SECONDS), "hotlsp exits when the editor goes away");
    assertAllGoneWithin2s(children);
  }
}
