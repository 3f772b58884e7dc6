package dev.hotlsp.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotlsp check --run TARGET --for DURATION --probe URL} on test-workspaces/servers' net/http
 * server (real go, gopls and bubblewrap; the program runs {@code isolated}, in a network namespace
 * of its own, which the probe enters): a healthy server passes, a 500 or a recovered panic while
 * serving the probe fails the check, a probe URL off the loopback is refused, {@code --env}
 * reaches the program.
 */
class SmokeRunCheckTest {
  /** Any port: the program listens in its own network namespace, where nothing else does. */
  private static final String ADDR = "127.0.0.1:8080";
  private static final String RUN = "./cmd/nethttp=-addr=" + ADDR;

  private final CliUnderTest cli = CliUnderTest.inProcess();

  @Test
  void aHealthyServerPassesAndIsStoppedWithoutAFinding(@TempDir Path tmp) throws Exception {
    var sandbox = servers(tmp);

    var result = check(tmp, sandbox, "--run", RUN, "--for", "5s", "--probe", "http://" + ADDR + "/healthz");

    assertEquals(0, result.exitCode(), result::describe);
    assertEquals(List.of(), result.lines(), result::describe);
  }

  @Test
  void aProbeAnswered500IsAFindingOnFuncMain(@TempDir Path tmp) throws Exception {
    var sandbox = servers(tmp);

    var result = check(tmp, sandbox, "--run", RUN, "--for", "5s", "--probe", "http://" + ADDR + "/fail");

    assertEquals(1, result.exitCode(), result::describe);
    assertEquals(List.of("cmd/nethttp/main.go:13:1: error: probe GET http://" + ADDR + "/fail answered 500 [hotlsp]"),
        result.lines(), result::describe);
  }

  /** A handler panic net/http recovers: a recovered-panic warning on the panicking line, and the check fails whatever --fail-on says. */
  @Test
  void aRecoveredPanicWhileServingTheProbeFailsTheCheckOnItsLine(@TempDir Path tmp) throws Exception {
    var sandbox = servers(tmp);

    var result = check(tmp, sandbox, "--run", RUN, "--for", "5s", "--probe", "http://" + ADDR + "/panic", "--format", "json");

    assertEquals(1, result.exitCode(), result::describe);
    var seen = new ArrayList<String>();
    for (var e : JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      seen.add(String.join(" ", f.get("file").getAsString() + ":" + f.get("line"), f.get("severity").getAsString(),
          f.get("code").getAsString()));
    }
    assertTrue(seen.contains("cmd/nethttp/main.go:19 warning recovered-panic"), result::describe);
  }

  @Test
  void aProbeOffTheLoopbackIsRefusedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
    var sandbox = servers(tmp);
    for (var url : List.of("http://10.0.0.1:8080/healthz", "http://example.com/healthz")) {
      var result = check(tmp, sandbox, "--run", RUN, "--for", "5s", "--probe", url);

      assertEquals(2, result.exitCode(), result::describe);
      assertEquals("", result.stdout(), result::describe);
      assertTrue(result.stderr().startsWith("hotlsp: --probe takes an http URL on the loopback"), result::describe);
    }
  }

  /** --env: a program that exits 3 unless the variable reaches it, with a value that has blanks and an '='. */
  @Test
  void envReachesTheProgram(@TempDir Path tmp) throws Exception {
    var sandbox = servers(tmp);
    sandbox.write("cmd/envcheck/main.go", """
        package main

        import (
        \t"fmt"
        \t"os"
        )

        func main() {
        \tif got := os.Getenv("SMOKE_GREETING"); got != "hello there=1" {
        \t\tfmt.Fprintf(os.Stderr, "SMOKE_GREETING is %q\\n", got)
        \t\tos.Exit(3)
        \t}
        }
        """);

    var with = check(tmp, sandbox, "--no-build", "--run", "./cmd/envcheck", "--env", "SMOKE_GREETING=hello there=1");
    var without = check(tmp, sandbox, "--no-build", "--run", "./cmd/envcheck");

    assertEquals(0, with.exitCode(), with::describe);
    assertEquals(1, without.exitCode(), without::describe);
    assertEquals(List.of("cmd/envcheck/main.go:8:1: error: ./cmd/envcheck exited with code 3: SMOKE_GREETING is \"\" [hotlsp]"),
        without.lines(), without::describe);
  }

  /** test-workspaces/servers with only its standard-library servers: no module to download. */
  private static Sandbox servers(Path tmp) throws IOException {
    var sandbox = Sandbox.copyOf("servers", tmp);
    for (var dir : List.of("cmd/chi", "cmd/gin", "cmd/echo", "cmd/manual", "cmd/stuck")) {
      delete(sandbox.path(dir));
    }
    Files.deleteIfExists(sandbox.path("go.sum"));
    sandbox.write("go.mod", "module example.com/servers\n\ngo 1.22\n");
    return sandbox;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (var p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private CliResult check(Path tmp, Sandbox sandbox, String... args) throws Exception {
    var all = new ArrayList<>(List.of("check"));
    all.addAll(List.of(args));
    all.add(sandbox.root().toString());
    return cli.run(tmp, all.toArray(String[]::new));
  }
}
