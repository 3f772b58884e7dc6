package dev.hotlsp.proxy.server;

import dev.hotlsp.bridge.gopls.GoplsLocator;
import dev.hotlsp.bridge.gopls.GoplsNotFoundException;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.diagnostics.DiagnosticsUnion;
import dev.hotlsp.proxy.gopls.GoplsGo;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.gopls.SupervisorSettings;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.Commands;
import dev.hotlsp.proxy.route.DiagnosticsPublisher;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Peer;
import dev.hotlsp.proxy.route.Router;
import dev.hotlsp.proxy.session.DocumentStore;
import dev.hotlsp.proxy.session.SessionState;
import dev.hotlsp.proxy.wire.BackPressure;
import dev.hotlsp.bridge.watch.ExecutorScheduler;
import dev.hotlsp.proxy.run.EditorRunEvents;
import dev.hotlsp.proxy.run.RunService;
import dev.hotlsp.proxy.run.RunSpecs;
import dev.hotlsp.proxy.crash.CrashDiagnostics;
import dev.hotlsp.proxy.run.SandboxRunner;
import dev.hotlsp.proxy.tests.TestLauncher;
import dev.hotlsp.bridge.gotest.GoTestRunner;
import dev.hotlsp.proxy.tests.TestService;
import com.google.gson.JsonNull;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The proxy's parts wired together for one editor session: the router, the gopls supervisor,
 * the session state, the diagnostics union and the runs. The editor side is any {@link Peer}: stdout for
 * {@code serve}, an in-memory client for {@code check}. Closing it stops gopls and every child.
 */
public final class ProxyCore implements AutoCloseable {
  /** HotLSP's version, reported in serverInfo. */
  public static final String VERSION = "0.1.0";

  private final GoplsSupervisor supervisor;
  private final Router router;
  private final EditorChannel editor;
  private final DiagnosticsUnion diagnostics;
  private final ScheduledExecutorService scheduler;

  private final WorkspaceStarter workspace;
  /** The runs and their runner and output timer, closed in this order. */
  private final List<AutoCloseable> running;

  private ProxyCore(GoplsSupervisor supervisor, Router router, EditorChannel editor, DiagnosticsUnion diagnostics,
      ScheduledExecutorService scheduler, WorkspaceStarter workspace, List<AutoCloseable> running) {
    this.running = running;
    this.workspace = workspace;
    this.supervisor = supervisor;
    this.router = router;
    this.editor = editor;
    this.diagnostics = diagnostics;
    this.scheduler = scheduler;
  }

  /**
   * Wires the parts and starts gopls. A gopls that cannot be found or started is not fatal: the
   * router answers the editor's initialize with an error saying what was tried, and
   * {@code failure} receives the same one-line message for stderr.
   */
  public static ProxyCore start(ProxySettings settings, Peer editorPeer, ProcessLauncher launcher, Log log,
      Clock clock, java.util.function.Consumer<String> failure) {
    return start(settings, editorPeer, launcher, log, clock, failure, FrameTap.NONE, BackPressure.NONE);
  }

  /**
   * As {@link #start(ProxySettings, Peer, ProcessLauncher, Log, Clock, java.util.function.Consumer)},
   * with {@code goplsTap} seeing every frame to and from gopls ({@code --trace}) and gopls's reader
   * waiting on {@code editorRoom} (the editor's outbox) before reading each message.
   */
  public static ProxyCore start(ProxySettings settings, Peer editorPeer, ProcessLauncher launcher, Log log,
      Clock clock, java.util.function.Consumer<String> failure, FrameTap goplsTap, BackPressure editorRoom) {
    var scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      var t = new Thread(r, "hotlsp-scheduler");
      t.setDaemon(true);
      return t;
    });
    var editor = new EditorChannel(editorPeer);
    var diagnostics = new DiagnosticsUnion();
    var session = new SessionState(new DocumentStore());
    Optional<List<String>> command;
    String problem = null;
    try {
      command = Optional.of(locator(settings).locate(settings.gopls()));
    } catch (GoplsNotFoundException e) {
      command = Optional.empty();
      problem = "HotLSP cannot start: " + e.getMessage();
    }
    var env = new HashMap<>(settings.environment());
    env.put("GOTOOLCHAIN", "local");
    var goplsGo = command.isPresent() ? GoplsGo.create(env, launcher, log) : Optional.<GoplsGo>empty();
    var spec = new CommandSpec(command.orElse(List.of("gopls")),
        goplsGo.map(g -> g.environment(env)).orElse(env), settings.workingDirectory());
    var supervisor = new GoplsSupervisor(spec, launcher, log, clock, scheduler, settings.supervision(), goplsTap,
        editorRoom);
    var sandbox = new SandboxRunner(launcher, tempBase(settings.environment()), clock, settings.environment());
    var output = new ExecutorScheduler("hotlsp-run-output");
    var publisher = new DiagnosticsPublisher(diagnostics, editor, clock);
    var crashes = new CrashDiagnostics(publisher, log, new RunSpecs(settings.run()).limits().memoryBytes());
    var runs = new RunService(settings.run(), () -> sandbox, sandbox::probe,
        new EditorRunEvents(editor, log, output, clock, settings.run().outputToLog()), crashes::watching, log);
    var specs = new RunSpecs(settings.run());
    var tests = new TestService(new TestService.Settings(settings.testOnSave(), settings.workspace().buildFlags(),
        specs.isolation(), specs.limits()), editor, crashes, go -> TestLauncher.of(new GoTestRunner(go, launcher, sandbox::probe, clock)), log);
    var commands = tests.register(runs.register(new Commands.Builder()
        .add("hotlsp.restartGopls", args -> {
          supervisor.restartNow();
          return CompletableFuture.completedFuture(JsonNull.INSTANCE);
        })))
        .build();
    var workspace = new WorkspaceStarter(settings, session, editor, log, launcher, runs, tests);
    var router = Router.create(editor, supervisor, session, publisher, commands, log, VERSION, scheduler, clock,
        workspace::start, crashes::fileChanged, folders -> goplsGo.ifPresent(g -> g.folders(folders)));
    workspace.connect(router);
    if (problem == null) {
      try {
        supervisor.start(router, router.recovery());
        goplsGo.ifPresent(g -> g.started(settings.workingDirectory()));
      } catch (IOException e) {
        problem = "HotLSP cannot start gopls (" + spec.display() + "): " + e.getMessage();
      }
    }
    if (problem != null) {
      router.recovery().unavailable(problem);
      failure.accept(problem);
    }
    var parts = new java.util.ArrayList<AutoCloseable>(List.of(runs, sandbox, output));
    goplsGo.ifPresent(parts::add);
    return new ProxyCore(supervisor, router, editor, diagnostics, scheduler, workspace, parts);
  }

  /** Where temporary directories go: TMPDIR if it names a directory, else java.io.tmpdir. */
  private static Path tempBase(Map<String, String> env) {
    var tmp = env.getOrDefault("TMPDIR", "");
    return !tmp.isEmpty() && Path.of(tmp).isAbsolute() && java.nio.file.Files.isDirectory(Path.of(tmp))
        ? Path.of(tmp) : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static GoplsLocator locator(ProxySettings settings) {
    Map<String, String> env = settings.environment();
    return new GoplsLocator(env, settings.toolDirectory(), () -> {
      var gopath = env.getOrDefault("GOPATH", "");
      if (!gopath.isBlank()) {
        return Optional.of(Path.of(gopath.split(java.io.File.pathSeparator)[0]));
      }
      var home = env.get("HOME");
      return home == null ? Optional.empty() : Optional.of(Path.of(home, "go"));
    });
  }

  public Router router() {
    return router;
  }

  public EditorChannel editor() {
    return editor;
  }

  public DiagnosticsUnion diagnostics() {
    return diagnostics;
  }

  public GoplsSupervisor supervisor() {
    return supervisor;
  }

  /** Stops gopls (closing its input first, then the process tree) and HotLSP's own threads. */
  @Override
  public void close() {
    workspace.close();
    for (var part : running) {
      try {
        part.close();
      } catch (Exception e) {
        // closing is best effort; the launcher's stop policy ends what is left
      }
    }
    supervisor.stop(Duration.ofSeconds(1));
    scheduler.shutdownNow();
  }
}
