package dev.hotlsp.proxy.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.ProcessRun;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import dev.hotlsp.proxy.harness.SubprocessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** End to end with a real editor: Neovim 0.7's built-in LSP client receives the type error's diagnostic. */
class NeovimTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  static Stream<ServerUnderTest> servers() {
    return Stream.of(Servers.gopls(), Servers.proxyJvm(), Servers.proxyLauncher());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void typeErrorDiagnosticReachesNeovim(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    var nvim = HarnessEnv.onPath("nvim");
    assumeTrue(nvim.isPresent(), "nvim is not installed");
    Sessions.assumeAvailable(server);
    var sandbox = Sandbox.copyOf("typeerror", tmp);
    var out = tmp.resolve("result.json");

    var run = ProcessRun.run(nvimCommand(nvim.get(), (SubprocessServer) server, sandbox, out,
        NeovimWatchTest.goCache((SubprocessServer) server, tmp)), TIMEOUT);

    assertTrue(Files.exists(out), () -> "nvim wrote no result\n" + run.describe());
    var result = JsonParser.parseString(Files.readString(out, UTF_8)).getAsJsonObject();
    assertEquals(0, run.exitCode(), () -> result + "\n" + run.describe());
    assertEquals("7", result.get("nvim").getAsString(), "Neovim 0.7 expected");
    assertTrue(result.get("initialized").getAsBoolean(), result::toString);
    assertTrue(hasTypeError(result.getAsJsonArray("diagnostics")), result::toString);
    assertEquals(0, result.get("exit_code").getAsInt(), () -> "server exit after client stop: " + result);
  }

  private static boolean hasTypeError(JsonArray diagnostics) {
    for (var d : diagnostics) {
      JsonObject o = d.getAsJsonObject();
      if (o.get("lnum").getAsInt() == 7 && o.get("col").getAsInt() == 9 && o.get("message").getAsString().contains("cannot use \"three\"")) {
        return true;
      }
    }
    return false;
  }

  private static CommandSpec nvimCommand(Path nvim, SubprocessServer server, Sandbox sandbox, Path out,
      String goCache) {
    var script = HarnessEnv.repo().resolve("lsp-proxy/src/test/nvim/diagnostics.lua");
    var command = List.of(nvim.toString(), "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile " + script);
    var env = new HashMap<>(server.environment());
    var cmd = new JsonArray();
    server.command().forEach(cmd::add);
    env.put("HOTLSP_NVIM_CMD", cmd.toString());
    env.put("HOTLSP_NVIM_ROOT", sandbox.root().toString());
    env.put("HOTLSP_NVIM_FILE", sandbox.path("main.go").toString());
    env.put("HOTLSP_NVIM_OUT", out.toString());
    env.put("HOTLSP_NVIM_TIMEOUT_MS", Long.toString(TIMEOUT.toMillis() / 2));
    env.put("XDG_STATE_HOME", out.getParent().resolve("state").toString());
    env.put("XDG_CACHE_HOME", out.getParent().resolve("cache").toString());
    env.put("GOCACHE", goCache); // else go follows XDG_CACHE_HOME to an empty cache
    return new CommandSpec(command, env, sandbox.root());
  }
}
