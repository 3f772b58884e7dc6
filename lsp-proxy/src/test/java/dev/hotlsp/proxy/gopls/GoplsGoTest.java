package dev.hotlsp.proxy.gopls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view of gopls's go commands: a folder change never waits for the build sandbox's probe (real go, bwrap). */
class GoplsGoTest {
  private final Log log = new Log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
      Clock.systemUTC(), false);

  @Test
  void aFolderChangeReturnsWhileTheSandboxProbeRunsAndItsViewFollows(@TempDir Path tmp) throws Exception {
    var env = environment(tmp);
    var probing = new CountDownLatch(1);
    try (var real = new LocalProcessLauncher(tmp)) {
      ProcessLauncher held = new ProcessLauncher() {
        @Override
        public ChildProcess start(CommandSpec spec) throws IOException {
          if (spec.command().contains("env")) { // the probe's go env: held until the test lets it go
            try {
              probing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return real.start(spec);
        }

        @Override
        public Optional<Path> scratch() {
          return real.scratch();
        }
      };
      try (var go = GoplsGo.create(env, held, log).orElseThrow()) {
        var view = viewFile(go);
        go.started(tmp);
        var folder = module(tmp.resolve("ws"));
        // before: folders waited for the probe, so this never completed while the probe was held
        CompletableFuture.runAsync(() -> go.folders(List.of(folder(folder)))).get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(view), "no view before the probe, so gopls's go commands wait");
        probing.countDown();
        go.viewWritten().get(60, TimeUnit.SECONDS);
        assertTrue(Files.readString(view).contains(folder.toRealPath().toString()), Files.readString(view));
      }
    }
  }

  @Test
  void aFolderChangeWithdrawsTheOldViewBeforeItReturns(@TempDir Path tmp) throws Exception {
    var env = environment(tmp);
    try (var launcher = new LocalProcessLauncher(tmp); var go = GoplsGo.create(env, launcher, log).orElseThrow()) {
      var view = viewFile(go);
      var first = module(tmp.resolve("first"));
      go.started(first);
      go.viewWritten().get(60, TimeUnit.SECONDS);
      assertTrue(Files.readString(view).contains(first.toRealPath().toString()), Files.readString(view));
      var second = module(tmp.resolve("second"));
      go.folders(List.of(folder(second)));
      assertTrue(!Files.exists(view) || !Files.readString(view).contains(first.toRealPath().toString()),
          "the first folder's view is gone once the change returns");
      go.viewWritten().get(60, TimeUnit.SECONDS);
      var text = Files.readString(view);
      assertTrue(text.contains(second.toRealPath().toString()) && !text.contains(first.toRealPath().toString()), text);
    }
  }

  private static Map<String, String> environment(Path tmp) {
    var env = new HashMap<>(System.getenv());
    env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    assumeTrue(GoToolchain.findGo(env).isPresent() && Files.isExecutable(Path.of("/usr/bin/bwrap")),
        "needs go and bubblewrap");
    return env;
  }

  private static Path viewFile(GoplsGo go) {
    return Path.of(go.environment(Map.of()).get("PATH")).resolve("view");
  }

  private static Path module(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("go.mod"), "module example.com/" + dir.getFileName() + "\n\ngo 1.21\n");
    return dir;
  }

  private static JsonObject folder(Path dir) {
    var folder = new JsonObject();
    folder.addProperty("uri", dir.toUri().toString());
    folder.addProperty("name", dir.getFileName().toString());
    return folder;
  }
}
