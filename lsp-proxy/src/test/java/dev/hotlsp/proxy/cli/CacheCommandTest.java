package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.cache.CacheLease;
import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotlsp cache} and {@code cache prune} through {@code Main} on a real cache that real
 * {@code hotlsp run}s filled, and the pruning every start does in the background.
 */
class CacheCommandTest {
  private final CliUnderTest cli = CliUnderTest.inProcess();
  private Path workspace;
  private Path xdg;
  private Map<String, String> env;

  @BeforeEach
  void setUp(@TempDir Path tmp) throws Exception {
    workspace = Sandbox.copyOf("runners", tmp).root().toRealPath();
    xdg = tmp.resolve("xdg");
    env = HarnessEnv.withCacheHome(xdg);
  }

  private CliResult hotlsp(String... args) throws Exception {
    return cli.run(workspace, env, args);
  }

  /** {@code hotlsp cache}'s output, or why there is none (for failure messages). */
  private String listing() {
    try {
      return hotlsp("cache").describe();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private Path builds() {
    return xdg.resolve("hotlsp/builds");
  }

  @Test
  void aRunsWorkspaceIsListedWithItsPathAndPruneEmptiesWhatIsNotInUse() throws Exception {
    assertEquals(0, hotlsp("run", "--workspace", workspace.toString(), "./cmd/hello").exitCode());
    var list = hotlsp("cache");
    assertEquals(0, list.exitCode(), list::describe);
    var row = list.lines().stream().filter(l -> l.endsWith("  " + workspace)).findFirst();
    assertTrue(row.isPresent(), list::describe);
    assertTrue(row.get().matches(" *\\d+\\.\\d MiB  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  no      .*"), row.get());
    assertTrue(list.lines().getLast().contains("total of 1 workspace in " + builds()), list::describe);

    var leased = CacheLease.acquire(new CacheDirs(xdg), Path.of("builds", "held"), workspace.getParent());
    try {
      var prune = hotlsp("cache", "prune");
      assertEquals(0, prune.exitCode(), prune::describe);
      assertTrue(prune.stdout().startsWith("removed 1 workspace ("), prune::describe);
      assertTrue(prune.stdout().contains("; 1 in use by a live HotLSP kept"), prune::describe);
      try (var left = Files.list(builds())) {
        assertEquals(java.util.List.of(builds().resolve("held")), left.toList());
      }
      assertTrue(hotlsp("cache").lines().get(1).matches(" *\\d+ B  .{16}  yes     " + java.util.regex.Pattern.quote(workspace.getParent().toString())),
          this::listing);
    } finally {
      leased.close();
    }
  }

  @Test
  void theNextStartRemovesAGoneWorkspacesBinaries(@TempDir Path other) throws Exception {
    var copy = Sandbox.copyOf("runners", other).root();
    assertEquals(0, cli.run(copy, env, "run", "--workspace", copy.toString(), "./cmd/hello").exitCode());
    try (var dirs = Files.list(builds())) {
      assertEquals(1, dirs.count());
    }
    try (var files = Files.walk(copy)) { // the user deletes the copy
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertFalse(Files.exists(copy));

    assertEquals(0, hotlsp("run", "--workspace", workspace.toString(), "./cmd/hello").exitCode());
    Poll.until("the gone workspace's directory is removed", Duration.ofSeconds(30), () -> {
      try (var dirs = Files.list(builds())) {
        return dirs.count() == 1;
      } catch (java.io.IOException e) {
        return false;
      }
    }, this::listing);
    assertTrue(hotlsp("cache").stdout().contains("  " + workspace + "\n"));
  }
}
