package dev.hotlsp.proxy.server;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Router;
import dev.hotlsp.proxy.run.RunService;
import dev.hotlsp.proxy.session.SessionState;
import dev.hotlsp.proxy.tests.TestService;
import dev.hotlsp.proxy.workspace.WorkspaceServices;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the workspace services (watching, rebuilding) once the editor has sent
 * {@code initialized}, on their own thread so the editor's messages never wait for a go list; and
 * stops them with the session.
 */
final class WorkspaceStarter implements AutoCloseable {
  private final ProxySettings settings;
  private final SessionState session;
  private final EditorChannel editor;
  private final Log log;
  private final AtomicBoolean started = new AtomicBoolean();
  private final ProcessLauncher launcher;
  private final RunService runs;
  private final TestService tests;
  private volatile Router router;
  private volatile WorkspaceServices services;
  private volatile boolean closed;

  WorkspaceStarter(ProxySettings settings, SessionState session, EditorChannel editor, Log log,
      ProcessLauncher launcher, RunService runs, TestService tests) {
    this.runs = runs;
    this.tests = tests;
    this.settings = settings;
    this.launcher = launcher;
    this.session = session;
    this.editor = editor;
    this.log = log;
  }

  void connect(Router router) {
    this.router = router;
  }

  void start() {
    if (!settings.workspace().build()) {
      runs.unavailable("HotLSP builds nothing in this session (--no-watch or --no-build): it cannot run programs");
      tests.unavailable("HotLSP builds nothing in this session (--no-watch or --no-build): it cannot run tests");
    }
    if (!settings.workspace().watch() || !started.compareAndSet(false, true)) {
      return;
    }
    Thread.ofPlatform().daemon().name("hotlsp-workspace-start").start(() -> {
      var go = GoToolchain.findGo(settings.environment());
      if (go.isEmpty()) {
        log.warn("go is not on PATH: HotLSP will not watch or build the workspace");
        runs.unavailable("go is not on PATH: HotLSP cannot build or run programs");
        tests.unavailable("go is not on PATH: HotLSP cannot run tests");
        return;
      }
      var toolchain = new GoToolchain(go.get(), settings.environment(), launcher);
      var params = session.initializeParams().orElse(new JsonObject());
      var cache = CacheDirs.fromEnvironment(settings.environment());
      tests.starting(toolchain, supportsProgress(params));
      var started = WorkspaceServices.start(settings.workspace(), folders(), cache, toolchain, editor, router, log,
          supportsProgress(params), runs::built, (folder, loop) -> {
            runs.folderReady(folder, loop);
            tests.folderReady(folder, loop);
          }, tests::decided);
      runs.loaded();
      tests.loaded();
      synchronized (this) {
        if (closed) {
          started.close();
        } else {
          services = started;
        }
      }
    });
  }

  private List<Path> folders() {
    var out = new ArrayList<Path>();
    for (var folder : session.workspaceFolders()) {
      try {
        var path = Path.of(URI.create(folder.get("uri").getAsString()));
        if (Files.isDirectory(path)) {
          out.add(path);
        }
      } catch (RuntimeException e) {
        log.warn("ignoring workspace folder " + folder + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static boolean supportsProgress(JsonObject initializeParams) {
    try {
      return initializeParams.getAsJsonObject("capabilities").getAsJsonObject("window")
          .get("workDoneProgress").getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (services != null) {
      services.close();
    }
  }
}
