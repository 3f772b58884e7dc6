package dev.hotlsp.proxy.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.ProcStat;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher and jar running user programs: an editor that SIGKILLs {@code hotlsp serve
 * --run} leaves no program behind (even one that ignores SIGTERM), and {@code hotlsp run --watch}
 * hot-restarts on a real edit and leaves nothing behind on Ctrl-C (SIGINT).
 */
class RunNoOrphansIT {
  private static final Path REPO = Path.of(System.getProperty("hotlsp.repo"));
  private static final Pattern RUN_PID = Pattern.compile("\"method\":\"hotlsp/runStarted\",\"params\":\\{[^}]*\"pid\":(\\d+)");
  private static final Pattern STARTED = Pattern.compile("hotlsp: started \\S+ \\(pid (\\d+)");

  /** Collects a stream's text on a daemon thread. */
  private static final class Collected {
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    Collected(InputStream in) {
      Thread.ofPlatform().daemon().start(() -> {
        var buf = new byte[8192];
        try {
          for (int n; (n = in.read(buf)) >= 0; ) {
            synchronized (text) {
              text.write(buf, 0, n);
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      });
    }

    String text() {
      synchronized (text) {
        return text.toString(StandardCharsets.UTF_8);
      }
    }

    Set<Long> pids(Pattern pattern) {
      var out = new LinkedHashSet<Long>();
      var m = pattern.matcher(text());
      while (m.find()) {
        out.add(Long.parseLong(m.group(1)));
      }
      return out;
    }
  }

  private static ProcessBuilder hotlsp(Path workspace, Path cache, String... args) {
    var command = new java.util.ArrayList<String>(java.util.List.of(REPO.resolve("hotlsp").toString()));
    command.addAll(java.util.List.of(args));
    var pb = new ProcessBuilder(command).directory(workspace.toFile());
    pb.environment().clear();
    pb.environment().putAll(HarnessEnv.withCacheHome(cache));
    return pb;
  }

  private static void send(OutputStream in, String body) throws IOException {
    in.write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Running and not a zombie (a zombie waits for PID 1 to reap it, but runs nothing). */
  private static boolean live(long pid) {
    return ProcStat.of(pid).map(ProcStat::live).orElse(false);
  }

  @Test
  void sigkillingServeLeavesNoProgramBehind(@TempDir Path tmp) throws Exception {
    var workspace = Sandbox.copyOf("runners", tmp).root();
    var proxy = hotlsp(workspace, tmp.resolve("cache"), "serve", "--gopls", HarnessEnv.gopls().toString(),
        "--run", "./cmd/noterm").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      var out = new Collected(proxy.getInputStream());
      var uri = workspace.toUri().toString();
      send(proxy.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
          + "\"rootUri\":\"" + uri + "\",\"workspaceFolders\":[{\"uri\":\"" + uri + "\",\"name\":\"ws\"}],"
          + "\"capabilities\":{}}}");
      Poll.until("initialize is answered", Duration.ofSeconds(60), () -> out.text().contains("HotLSP"), out::text);
      send(proxy.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      Poll.until("noterm runs", Duration.ofSeconds(120), () -> !out.pids(RUN_PID).isEmpty()
          && out.text().contains("ignoring SIGTERM"), out::text);
      long program = out.pids(RUN_PID).iterator().next();
      var descendants = proxy.toHandle().descendants().map(ProcessHandle::pid).toList();
      assertTrue(live(program), "the program runs");

      proxy.destroyForcibly();
      assertTrue(proxy.waitFor(10, TimeUnit.SECONDS));
      Poll.until("the program and every other descendant are gone", Duration.ofSeconds(10),
          () -> !live(program) && descendants.stream().noneMatch(RunNoOrphansIT::live),
          () -> "left: " + descendants.stream().filter(RunNoOrphansIT::live).toList());
    } finally {
      proxy.destroyForcibly();
    }
  }

  @Test
  void runWatchRestartsOnAnEditAndCtrlCLeavesNothing(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("runners", tmp);
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var pb = hotlsp(sandbox.root(), tmp.resolve("cache"), "run", "--watch", "./cmd/server", "--",
        Integer.toString(port));
    // a terminal delivers Ctrl-C; a test run from a background job inherits SIGINT ignored, which
    // the JVM then leaves ignored: start hotlsp with the default disposition, as a shell would
    pb.command().addAll(0, List.of("env", "--default-signal=INT"));
    var run = pb.start();
    try {
      var out = new Collected(run.getInputStream());
      var err = new Collected(run.getErrorStream());
      int p = port;
      Poll.until("v1 answers", Duration.ofSeconds(120), () -> get(p).equals(Optional.of("v1")),
          () -> out.text() + err.text());
      long first = err.pids(STARTED).iterator().next();

      var main = "cmd/server/main.go";
      sandbox.write(main, sandbox.read(main).replace("const version = \"v1\"", "const version = \"v2\""));
      Poll.until("v2 answers", Duration.ofSeconds(120), () -> get(p).equals(Optional.of("v2")),
          () -> out.text() + err.text());
      assertTrue(!live(first), "the first instance is gone");
      assertTrue(err.text().contains("hotlsp: killed-by-restart exit="), err::text);

      var pids = err.pids(STARTED);
      var descendants = run.toHandle().descendants().map(ProcessHandle::pid).toList();
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      assertTrue(run.waitFor(20, TimeUnit.SECONDS), "hotlsp run ends on SIGINT");
      Poll.until("nothing is left", Duration.ofSeconds(10),
          () -> pids.stream().noneMatch(RunNoOrphansIT::live) && descendants.stream().noneMatch(RunNoOrphansIT::live),
          () -> "left: " + descendants.stream().filter(RunNoOrphansIT::live).toList());
      assertTrue(get(p).isEmpty(), "the port is free");
    } finally {
      run.destroyForcibly();
    }
  }

  private static Optional<String> get(int port) {
    try {
      var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      return Optional.of(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().strip());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
