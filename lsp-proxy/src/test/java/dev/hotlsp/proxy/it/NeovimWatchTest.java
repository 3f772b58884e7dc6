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
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import dev.hotlsp.proxy.harness.SubprocessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neovim 0.7 has no file watcher for language servers; through HotLSP its gopls still learns that
 * a closed file changed on disk: a function renamed there breaks the open caller.
 */
class NeovimWatchTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(240);

  @Test
  void aFunctionRenamedOnDiskBreaksTheOpenCallerInNeovim(@TempDir Path tmp) throws Exception {
    var nvim = HarnessEnv.onPath("nvim");
    assumeTrue(nvim.isPresent(), "nvim is not installed");
    // the watcher is up once the caller's target is built, so build it when the workspace opens
    var server = (SubprocessServer) Servers.proxyJvm(List.of("--build", "example.com/multi/cmd/tool"));
    Sessions.assumeAvailable(server);
    var sandbox = Sandbox.copyOf("multi", tmp);
    var out = tmp.resolve("result.json");

    var run = ProcessRun.run(nvimCommand(nvim.get(), server, sandbox, out, goCache(server, tmp)), TIMEOUT);

    assertTrue(Files.exists(out), () -> "nvim wrote no result\n" + run.describe());
    var result = JsonParser.parseString(Files.readString(out, UTF_8)).getAsJsonObject();
    assertEquals("7", result.get("nvim").getAsString(), "Neovim 0.7 expected");
    assertEquals(0, run.exitCode(), () -> result + "\n" + run.describe() + "\nHotLSP's log:\n" + log(tmp));
    assertTrue(goplsReportsTheRename(result.getAsJsonArray("diagnostics")), result::toString);
  }

  private static String log(Path tmp) {
    try {
      return Files.readString(tmp.resolve("hotlsp.log"), UTF_8);
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** gopls's own diagnostic (not HotLSP's go build one) on {@code fmt.Println(util.Shout("tool"))}. */
  private static boolean goplsReportsTheRename(JsonArray diagnostics) {
    for (var d : diagnostics) {
      JsonObject o = d.getAsJsonObject();
      if (o.get("lnum").getAsInt() == 10 && !"go build".equals(o.has("source") ? o.get("source").getAsString() : "")
          && o.get("message").getAsString().contains("undefined: util.Shout")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The go build cache the tests' environment uses: Neovim gets its own XDG_CACHE_HOME, and go
   * would otherwise follow it to an empty cache and compile the standard library again.
   */
  static String goCache(SubprocessServer server, Path tmp) throws Exception {
    var go = ProcessRun.run(new CommandSpec(List.of("go", "env", "GOCACHE"), server.environment(), tmp), TIMEOUT);
    assertEquals(0, go.exitCode(), go::describe);
    return go.stdout().strip();
  }

  private static CommandSpec nvimCommand(Path nvim, SubprocessServer server, Sandbox sandbox, Path out, String goCache) {
    var script = HarnessEnv.repo().resolve("lsp-proxy/src/test/nvim/watch.lua");
    var command = List.of(nvim.toString(), "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile " + script);
    var env = new HashMap<>(server.environment());
    var cmd = new JsonArray();
    server.command().forEach(cmd::add);
    cmd.add("--log");
    cmd.add(out.resolveSibling("hotlsp.log").toString());
    env.put("HOTLSP_NVIM_CMD", cmd.toString());
    env.put("HOTLSP_NVIM_ROOT", sandbox.root().toString());
    env.put("HOTLSP_NVIM_FILE", sandbox.path("cmd/tool/main.go").toString());
    env.put("HOTLSP_NVIM_TARGET", "example.com/multi/cmd/tool");
    env.put("HOTLSP_NVIM_RENAME_FILE", sandbox.path("internal/util/util.go").toString());
    env.put("HOTLSP_NVIM_OLD", "Shout");
    env.put("HOTLSP_NVIM_NEW", "Yell");
    env.put("HOTLSP_NVIM_EXPECT", "undefined: util.Shout");
    env.put("HOTLSP_NVIM_OUT", out.toString());
    env.put("HOTLSP_NVIM_TIMEOUT_MS", Long.toString(TIMEOUT.toMillis() * 3 / 8));
    env.put("XDG_STATE_HOME", out.getParent().resolve("state").toString());
    env.put("XDG_CACHE_HOME", out.getParent().resolve("cache").toString());
    env.put("GOCACHE", goCache);
    return new CommandSpec(command, env, sandbox.root());
  }
}
