package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.cache.CacheDirs;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where binaries go: per workspace in the cache, each target's file directly inside, never colliding. */
class OutputDirectoryTest {
  private final CacheDirs cache = new CacheDirs(Path.of("/cache"));

  @Test
  void eachWorkspaceHasItsOwnDirectoryInTheCache() {
    var a = OutputDirectory.of(cache, Path.of("/nonexistent/a/app"));
    var b = OutputDirectory.of(cache, Path.of("/nonexistent/b/app"));
    assertTrue(a.dir().startsWith(Path.of("/cache/hotlsp/builds")), a.dir()::toString);
    assertTrue(a.dir().getFileName().toString().startsWith("app-"), a.dir()::toString);
    assertNotEquals(a.dir(), b.dir());
  }

  @Test
  void noTargetNameLeavesTheDirectoryOrCollides() {
    var out = OutputDirectory.of(cache, Path.of("/nonexistent/ws"));
    var targets = List.of("..", ".", "", "/", "../../bin/ls", "a/b", "a_b", "a\\b", "-rf", ".hidden",
        "x".repeat(5000), "y".repeat(5000) + "x".repeat(5000), "example.com/app/cmd/server");
    var names = new HashSet<String>();
    for (var target : targets) {
      var binary = out.binaryOf(target);
      var name = binary.getFileName().toString();
      assertEquals(out.dir(), binary.getParent(), target);
      assertTrue(name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,80}"), name);
      assertFalse(name.equals(".") || name.equals(".."), name);
      assertTrue(names.add(name), () -> "two targets share " + name);
    }
  }
}
