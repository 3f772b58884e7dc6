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
import java.util.concurrent.atomic.AtomicLong;

/**
 * gopls's go commands in the build sandbox (issue 16 §1: gopls's {@code go list -compiled} runs
 * cgo as a build does): the bridge's {@link GoShim} first on gopls's PATH, its view kept to the
 * session's workspace folders — the working directory's once gopls started, then the folders of
 * {@code initialize} and of each folder change. Views are computed in the background (the sandbox
 * probe takes ~100 ms of process starts), so neither gopls's start nor the editor's messages wait
 * for them: a folder change withdraws the view before gopls is sent the message, and gopls's next
 * go commands wait for the new one (the shim waits while there is none). Thread-safe.
 */
public final class GoplsGo implements AutoCloseable {
  private static final String PREFIX = "go-";

  private final GoShim shim;
  private final Path dir;
  private final Log log;
  /** The latest folder change's number; a view computed for an earlier one is not written. */
  private final AtomicLong change = new AtomicLong();
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
      written = inBackground(CompletableFuture.completedFuture(null), List.of(workingDirectory), change.get());
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

  /**
   * Makes {@code folders} ({@code {uri, name}}) the view of gopls's go commands: the current view
   * is withdrawn before this returns, the new one written in the background.
   */
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
    long mine = change.incrementAndGet();
    shim.withdraw();
    var before = written == null ? CompletableFuture.<Void>completedFuture(null) : written;
    written = inBackground(before, paths, mine);
  }

  /** The latest view's write in the background (for tests). */
  synchronized CompletableFuture<Void> viewWritten() {
    return written == null ? CompletableFuture.completedFuture(null) : written;
  }

  /** After {@code before}: probes the sandbox and writes the view of {@code paths} if no later change came. */
  private CompletableFuture<Void> inBackground(CompletableFuture<Void> before, List<Path> paths, long mine) {
    return before.exceptionally(e -> null).thenRunAsync(() -> {
      shim.probe();
      if (!closed) { // a probe cut short by HotLSP's end says nothing
        shim.view(paths, () -> change.get() == mine);
      }
    }, r -> Thread.ofPlatform().daemon().name("hotlsp-gopls-view").start(r)).whenComplete((v, e) -> {
      if (e != null) {
        log.error("the view of gopls's go commands was not written (" + e + "); its go commands fail");
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    FileTrees.delete(dir);
  }
}
