package dev.hotlsp.proxy.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tests find things: the repository root (system property {@code hotlsp.repo}, set by
 * Surefire), the pinned gopls, and the environment every child gets (GOTOOLCHAIN=local, the
 * project's tool directory first on PATH).
 */
public final class HarnessEnv {
  private HarnessEnv() {}

  public static Path repo() {
    var repo = System.getProperty("hotlsp.repo");
    if (repo == null) {
      throw new IllegalStateException("system property hotlsp.repo is not set (run the tests through Maven)");
    }
    return Path.of(repo).toAbsolutePath().normalize();
  }

  public static Path testWorkspace(String name) {
    return repo().resolve("test-workspaces").resolve(name);
  }

  /** The gopls that ./dev setup installs; fails when it is missing (tests use the real one). */
  public static Path gopls() {
    var gopls = repo().resolve(".tools/bin/gopls");
    if (!Files.isExecutable(gopls)) {
      throw new IllegalStateException(gopls + " is missing: run ./dev setup");
    }
    return gopls;
  }

  /**
   * This process's environment with GOTOOLCHAIN=local, .tools/bin and the Go toolchain first on
   * PATH, and XDG_CACHE_HOME in lsp-proxy/target (HotLSP's build outputs stay out of the user's cache).
   */
  public static Map<String, String> childEnvironment() {
    return withCacheHome(repo().resolve("lsp-proxy/target/xdg-cache"));
  }

  /**
   * {@link #childEnvironment()} with XDG_CACHE_HOME at {@code cacheHome}; go's and gopls's caches
   * (GOCACHE, GOPLSCACHE) stay where they were, so builds and loads stay warm.
   */
  public static Map<String, String> withCacheHome(Path cacheHome) {
    var env = new HashMap<>(System.getenv());
    var userCache = Optional.ofNullable(env.get("XDG_CACHE_HOME")).filter(d -> Path.of(d).isAbsolute())
        .map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".cache"));
    env.putIfAbsent("GOCACHE", userCache.resolve("go-build").toString());
    env.putIfAbsent("GOPLSCACHE", userCache.resolve("gopls").toString());
    env.put("XDG_CACHE_HOME", cacheHome.toString());
    env.put("GOTOOLCHAIN", "local");
    var path = repo().resolve(".tools/bin") + File.pathSeparator + env.getOrDefault("PATH", "");
    if (Files.isDirectory(Path.of("/usr/local/go/bin"))) {
      path = path + File.pathSeparator + "/usr/local/go/bin";
    }
    env.put("PATH", path);
    return Map.copyOf(env);
  }

  /** The java executable running these tests, to start the proxy in a separate JVM. */
  public static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** An executable found on PATH, if any. */
  public static Optional<Path> onPath(String program) {
    for (var dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      var p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
