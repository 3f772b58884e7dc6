package dev.hotlsp.bridge.testing;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies test-workspaces/NAME into a temporary directory and gives a real go toolchain. */
public final class Workspaces {
  /** One launcher (and so one watchdog process) for every test of the JVM. */
  private static final LocalProcessLauncher LAUNCHER = new LocalProcessLauncher();

  private Workspaces() {}

  public static Path repo() {
    var repo = System.getProperty("hotlsp.repo");
    if (repo == null) {
      throw new IllegalStateException("system property hotlsp.repo is not set (run through Maven)");
    }
    return Path.of(repo);
  }

  /** A copy of test-workspaces/{@code name} at {@code into}/{@code name}; returns its path. */
  public static Path copy(String name, Path into) throws IOException {
    var source = repo().resolve("test-workspaces").resolve(name);
    var target = into.toRealPath().resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (var file : files.toList()) {
        var dest = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  /** A user cache ({@code XDG_CACHE_HOME}) of the test's own, at {@code tmp}/xdg-cache. */
  public static CacheDirs cache(Path tmp) {
    return new CacheDirs(tmp.resolve("xdg-cache"));
  }

  public static GoToolchain go() {
    var env = System.getenv();
    var go = GoToolchain.findGo(env).orElseThrow(() -> new IllegalStateException("no go on PATH"));
    return new GoToolchain(go, env, LAUNCHER);
  }
}
