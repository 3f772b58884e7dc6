package dev.hotlsp.proxy.gopls;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoShim;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.log.Log;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * gopls's go commands in the build sandbox (issue 16 §1: gopls's {@code go list -compiled} runs
 * cgo as a build does): the bridge's {@link GoShim} first on gopls's PATH, its view kept to the
 * session's workspace folders — the working directory's once gopls started (probed in the
 * background, so gopls starts at once), then the folders of {@code initialize} and of each folder
 * change, written before gopls is sent the message. Thread-safe.
 */
public final class GoplsGo implements AutoCloseable {
  private static final String PREFIX = "go-";

  private final GoShim shim;
  private final Path dir;
  private final Log log;
  private CompletableFuture<Void> written;
  private volatile boolean closed;

  private GoplsGo(GoShim shim, Path dir, Log log) {
    this.shim = shim;
    this.dir = dir;
    this.log = log;
  }

  /**
   * Once gopls has started in {@code workingDirectory}: probes the sandbox and writes the view of
   * that directory in the background, so that gopls's start never waits for it.
   */
  public synchronized void started(Path workingDirectory) {
    if (written == null) {
      written = CompletableFuture.runAsync(() -> {
        shim.probe();
        if (!closed) { // a probe cut short by HotLSP's end says nothing
          shim.view(List.of(workingDirectory));
        }
      },
          r -> Thread.ofPlatform().daemon().name("hotlsp-gopls-view").start(r));
    }
  }

  /**
   * The shim for a gopls started with {@code env}, where there is a go
   * and bubblewrap (else gopls runs go as it finds it, and {@code hotlsp doctor} says so).
   */
  public static Optional<GoplsGo> create(Map<String, String> env, ProcessLauncher launcher, Log log) {
    var go = GoToolchain.findGo(env);
    if (go.isEmpty() || !Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      return Optional.empty();
    }
    try {
      var parent = CacheDirs.fromEnvironment(env).ensure(Path.of("gopls"));
      var owned = OwnedDirs.ofThisProcess();
      owned.sweep(parent, PREFIX); // a HotLSP killed with SIGKILL left its shim
      var dir = owned.create(parent, PREFIX);
      var shim = GoShim.create(new GoToolchain(go.get(), env, launcher), dir, launcher.scratch());
      return Optional.of(new GoplsGo(shim, dir, log));
    } catch (Exception e) {
      log.warn("gopls's go commands run without the build sandbox: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code env} for gopls: the shim first on its PATH. */
  public Map<String, String> environment(Map<String, String> env) {
    return shim.environment(env);
  }

  /** Makes {@code folders} ({@code {uri, name}}) the view of gopls's go commands; returns once written. */
  public synchronized void folders(List<JsonObject> folders) {
    var paths = new ArrayList<Path>();
    for (var folder : folders) {
      try {
        var path = Path.of(URI.create(folder.get("uri").getAsString()));
        if (Files.isDirectory(path)) {
          paths.add(path.toRealPath());
        }
      } catch (Exception e) {
        log.warn("gopls's go commands will not see workspace folder " + folder + ": " + e.getMessage());
      }
    }
    var before = written == null ? CompletableFuture.<Void>completedFuture(null) : written.exceptionally(e -> null);
    written = before.thenRun(() -> shim.view(paths));
    written.join();
  }

  @Override
  public void close() {
    closed = true;
    FileTrees.delete(dir);
  }
}
