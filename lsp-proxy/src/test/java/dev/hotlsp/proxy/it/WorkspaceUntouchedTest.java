package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.InProcessServer;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace is the user's: served and rebuilt by the real proxy, gopls and go, it is only
 * read; the binaries go to HotLSP's directory in the user's cache ({@code XDG_CACHE_HOME}).
 */
class WorkspaceUntouchedTest {
  private static final EditorConfig NO_WATCHER = EditorConfig.defaults().withWatchedFilesRegistration(false);
  @TempDir Path tmp;

  private ServerUnderTest proxy() {
    return new InProcessServer("proxy-in-process",
        List.of("serve", "--gopls", HarnessEnv.gopls().toString(), "--build-all-on-open"), HarnessEnv.withCacheHome(tmp.resolve("cache")));
  }

  @Test
  void aGitRepositoryServedAndRebuiltStaysClean() throws Exception {
    var sandbox = Sandbox.copyOf("httpserver", Files.createDirectories(tmp.resolve("src")));
    git(sandbox.root(), "init", "-q");
    git(sandbox.root(), "add", "-A");
    git(sandbox.root(), "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "x");
    var target = "example.com/httpserver";
    Sessions.assumeAvailable(proxy());
    try (var editor = FakeEditor.start(proxy(), sandbox, NO_WATCHER)) {
      editor.await(Builds.built(target));
      var store = "internal/store/store.go";
      var clean = sandbox.read(store);
      var edited = editor.log().mark();
      sandbox.write(store, clean.replace("map[int]Note{}", "map[int]Note{1: {}}"));
      editor.await(buildEnded(target, "ok with a new binary in the cache",
          p -> p.get("ok").getAsBoolean() && p.get("binaryChanged").getAsBoolean()
              && Path.of(p.get("binary").getAsString()).startsWith(tmp.resolve("cache/hotlsp"))).since(edited));
      var restored = editor.log().mark();
      sandbox.write(store, clean);
      editor.await(buildEnded(target, true).since(restored));
    }
    assertEquals("", git(sandbox.root(), "status", "--porcelain", "--ignored"), "git sees nothing HotLSP made");
  }

  @Test
  void aPlantedBinSymlinkInTheRepositoryReceivesNothing() throws Exception {
    var victim = Files.createDirectories(tmp.resolve("victim-bin"));
    var sandbox = Sandbox.fromText(Files.createDirectories(tmp.resolve("ls")), Map.of(
        "go.mod", "module ls\n\ngo 1.22\n",
        "main.go", "package main\n\nfunc main() { println(\"not the real ls\") }\n"));
    Files.createDirectories(sandbox.path(".hotlsp"));
    Files.createSymbolicLink(sandbox.path(".hotlsp/bin"), victim);
    Sessions.assumeAvailable(proxy());
    try (var editor = FakeEditor.start(proxy(), sandbox, NO_WATCHER)) {
      editor.await(buildEnded("ls", true));
    }
    try (Stream<Path> files = Files.list(victim)) {
      assertEquals(List.of(), files.toList(), "nothing is written through the repository's symlink");
    }
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    var command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertTrue(process.waitFor() == 0, () -> String.join(" ", command) + ": " + out);
    return out;
  }
}
