package dev.hotlsp.proxy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-\ at a terminal's {@code hotlsp run} (the real launcher in a pseudo-terminal made by
 * util-linux's {@code script}): the program prints its goroutine dump and exits, HotLSP prints the
 * blocked goroutines as {@code hang} warnings on their lines, ends with the program's status, and
 * prints no Java thread dump.
 */
class TerminalQuitIT {
  private static final Path REPO = Path.of(System.getProperty("hotlsp.repo"));

  @Test
  void ctrlBackslashDumpsTheProgramWhoseBlockedGoroutinesArePlacedAndNoJavaThreadDumpIsPrinted(@TempDir Path dir)
      throws Exception {
    var workspace = Sandbox.copyOf("servers", dir).root();
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String command = "exec " + REPO.resolve("hotlsp") + " run ./cmd/stuck -- -addr 127.0.0.1:" + port;
    // a terminal's job gets INT and QUIT at their defaults, whatever this test's JVM inherited
    var pb = new ProcessBuilder("env", "--default-signal=INT,QUIT", "script", "-qfec", command, "/dev/null")
        .directory(workspace.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(HarnessEnv.withCacheHome(dir.resolve("cache")));
    var terminal = pb.start();
    var screen = new ByteArrayOutputStream();
    read(terminal.getInputStream(), screen);
    try {
      Poll.until("the server listens", Duration.ofSeconds(120), () -> text(screen).contains("listening on"),
          () -> text(screen));
      HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/block"))
          .build(), HttpResponse.BodyHandlers.discarding()); // never answered: the handler waits for the lock
      Poll.until("the handler waits", Duration.ofSeconds(30), () -> text(screen).contains("waiting for the lock"),
          () -> text(screen));

      terminal.getOutputStream().write(0x1c); // Ctrl-\ typed at the terminal
      terminal.getOutputStream().flush();

      assertTrue(terminal.waitFor(60, TimeUnit.SECONDS), () -> "hotlsp run did not end: " + text(screen));
      String out = text(screen);
      assertEquals(2, terminal.exitValue(), out);
      assertTrue(out.contains("SIGQUIT: quit"), "the program's own dump comes through: " + out);
      for (var hang : List.of("cmd/stuck/main.go:19:2: warning: hang: goroutine ", "cmd/stuck/main.go:31:3: warning: hang: goroutine ")) {
        assertTrue(out.contains(hang), hang + " in " + out);
      }
      assertTrue(out.contains("blocked: chan receive") && out.contains("blocked: sync.Mutex.Lock"), out);
      assertFalse(out.contains("Full thread dump") || out.contains("\"main\" #1"), "a Java thread dump: " + out);
    } finally {
      terminal.destroyForcibly();
    }
  }

  @Test
  void aHandlerPanicTheServerRecoversIsPrintedAsAWarningOnItsLineAtOnceAndTheServerKeepsRunning(@TempDir Path dir)
      throws Exception {
    var workspace = Sandbox.copyOf("servers", dir).root();
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var pb = new ProcessBuilder(REPO.resolve("hotlsp").toString(), "run", "./cmd/nethttp", "--", "-addr",
        "127.0.0.1:" + port).directory(workspace.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(HarnessEnv.withCacheHome(dir.resolve("cache")));
    var run = pb.start();
    var screen = new ByteArrayOutputStream();
    read(run.getInputStream(), screen);
    try {
      Poll.until("the server listens", Duration.ofSeconds(120), () -> text(screen).contains("listening on"),
          () -> text(screen));
      var client = HttpClient.newHttpClient();
      client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/panic")).build(),
          HttpResponse.BodyHandlers.discarding());
      String warning = "cmd/nethttp/main.go:19:3: warning: recovered panic: assignment to entry in nil map [recovered-panic]";
      Poll.until("the warning is printed while the server runs", Duration.ofSeconds(30),
          () -> text(screen).contains(warning), () -> text(screen));
      var health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("ok", health.body().strip(), "the server keeps answering");
      assertTrue(run.isAlive());
    } finally {
      run.destroy();
      run.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String text(ByteArrayOutputStream screen) {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }

  private static void read(InputStream in, ByteArrayOutputStream into) {
    Thread.ofPlatform().daemon().start(() -> {
      var buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (into) {
            into.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // the terminal closed
      }
    });
  }
}
