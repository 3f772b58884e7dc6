package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.diagnostics.DiagnosticsUnion;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.gopls.GoplsSupervisor.Outcome;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.session.MalformedParamsException;
import dev.hotlsp.proxy.session.Replay;
import dev.hotlsp.proxy.session.SessionState;
import dev.hotlsp.proxy.wire.Envelope;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.IdKey;
import dev.hotlsp.proxy.wire.MalformedMessageException;
import dev.hotlsp.proxy.wire.Messages;
import dev.hotlsp.proxy.wire.ReadResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The forwarder: one switch on the methods HotLSP intercepts; every other message passes through
 * as the original bytes, with an id rewritten only when it would collide in the receiver's id
 * space. Called on the editor's reader thread ({@link #fromEditor}) and on gopls's reader thread
 * ({@link #onFrame}); all shared state is in thread-safe parts.
 */
public final class Router implements GoplsSupervisor.Listener {
  private static final Set<String> SESSION_METHODS = Set.of(
      "initialized", "workspace/didChangeConfiguration", "workspace/didChangeWorkspaceFolders",
      "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose");

  private final EditorChannel editor;
  private final GoplsSupervisor gopls;
  private final SessionState session;
  private final DiagnosticsUnion diagnostics;
  private final Commands commands;
  private final Log log;
  private final String version;
  private final PendingRequests toGopls = new PendingRequests();
  private final ProgressTracker progress = new ProgressTracker();
  private final RegistrationLedger registrations = new RegistrationLedger();
  private final AtomicBoolean initializeAnswered = new AtomicBoolean();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean shutdownRequested;
  private volatile String unavailable = "gopls is not running";
  private volatile Instant lastDiagnostics = Instant.EPOCH;
  private volatile boolean editorSendsWatchedFiles;
  private final Runnable onInitialized;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  public Router(
      EditorChannel editor, GoplsSupervisor gopls, SessionState session, DiagnosticsUnion diagnostics,
      Commands commands, Log log, String version, ScheduledExecutorService scheduler, Clock clock,
      Runnable onInitialized) {
    this.onInitialized = onInitialized;
    this.scheduler = scheduler;
    this.clock = clock;
    this.editor = editor;
    this.gopls = gopls;
    this.session = session;
    this.diagnostics = diagnostics;
    this.commands = commands;
    this.log = log;
    this.version = version;
  }

  /** Completes with the process exit code once the editor sent {@code exit} or went away. */
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  /** Why gopls is unavailable (shown to the editor when a request cannot be served). */
  public void unavailable(String reason) {
    unavailable = reason;
  }

  public ProgressTracker progress() {
    return progress;
  }

  /** When gopls last published diagnostics. */
  public Instant lastDiagnostics() {
    return lastDiagnostics;
  }

  public RegistrationLedger registrations() {
    return registrations;
  }

  // ---- editor -> gopls -------------------------------------------------------------------

  public void fromEditor(Frame frame) {
    Envelope env;
    try {
      env = Envelope.scan(frame.body());
    } catch (MalformedMessageException e) {
      log.warn("malformed message from the editor: " + e.getMessage());
      editor.send(Messages.frame(Messages.error(JsonNull.INSTANCE, Messages.PARSE_ERROR,
          "HotLSP could not parse the message: " + e.getMessage())));
      return;
    }
    switch (env.kind()) {
      case REQUEST -> editorRequest(frame, env);
      case NOTIFICATION -> editorNotification(frame, env);
      case RESPONSE, ERROR_RESPONSE -> {
        if (env.id().isJsonNull()) {
          gopls.send(frame, null); // the editor could not read something gopls sent
        } else {
          editor.onResponse(frame, env, this::responseForGopls);
        }
      }
    }
  }

  /** A frame the editor sent that could not be read whole. */
  public void editorProblem(ReadResult.Problem problem) {
    log.warn("bad input from the editor: " + problem.description());
    problem.envelope().filter(Envelope::isRequest).ifPresent(env -> editor.send(Messages.frame(
        Messages.error(env.id(), Messages.INVALID_REQUEST, "HotLSP dropped the request: " + problem.description()))));
  }

  /** The editor closed its side: stop everything. */
  public void editorClosed() {
    exit.complete(shutdownRequested ? 0 : 1);
  }

  private void editorRequest(Frame frame, Envelope env) {
    switch (env.method()) {
      case "initialize" -> {
        apply(env.method(), Messages.parse(frame));
        forward(frame, env);
      }
      case "shutdown" -> {
        shutdownRequested = true;
        if (gopls.state() == GoplsSupervisor.State.RUNNING) {
          forward(frame, env);
        } else {
          editor.send(Messages.frame(Messages.result(env.id(), JsonNull.INSTANCE)));
        }
      }
      case "workspace/executeCommand" -> {
        var params = params(Messages.parse(frame));
        var command = params.has("command") ? params.get("command").getAsString() : "";
        if (commands.handles(command)) {
          var args = params.has("arguments") && params.get("arguments").isJsonArray()
              ? params.getAsJsonArray("arguments") : new JsonArray();
          commands.execute(command, args).whenComplete((result, failure) -> editor.send(Messages.frame(
              failure == null ? Messages.result(env.id(), result)
                  : Messages.error(env.id(), Messages.INTERNAL_ERROR, command + " failed: " + failure.getMessage()))));
        } else {
          forward(frame, env);
        }
      }
      default -> forward(frame, env);
    }
  }

  private void forward(Frame frame, Envelope env) {
    var wireId = toGopls.relay(Origin.EDITOR, env.id(), env.method(), 0);
    var outcome = gopls.send(Messages.withId(frame, env.id(), wireId), wireId);
    if (outcome == Outcome.UNAVAILABLE) {
      toGopls.complete(wireId);
      if ("initialize".equals(env.method())) {
        editor.showMessage(1, unavailable);
      }
      editor.send(Messages.frame(Messages.error(env.id(),
          "initialize".equals(env.method()) ? Messages.INTERNAL_ERROR : -32803, unavailable)));
    }
  }

  private void editorNotification(Frame frame, Envelope env) {
    switch (env.method()) {
      case "exit" -> {
        gopls.expectExit();
        gopls.send(frame, null);
        exit.complete(shutdownRequested ? 0 : 1);
      }
      case "$/cancelRequest" -> {
        var params = params(Messages.parse(frame));
        toGopls.wireIdOf(Origin.EDITOR, params.get("id")).ifPresent(wire -> {
          if (wire.equals(params.get("id"))) {
            gopls.send(frame, null);
          } else {
            var p = params.deepCopy();
            p.add("id", wire);
            gopls.send(Messages.frame(Messages.notification("$/cancelRequest", p)), null);
          }
        });
      }
      default -> {
        if (SESSION_METHODS.contains(env.method())) {
          var message = Messages.parse(frame);
          gopls.sendSessionUpdate(() -> apply(env.method(), message), frame);
          if ("initialized".equals(env.method())) {
            onInitialized.run();
          }
        } else {
          if ("workspace/didChangeWatchedFiles".equals(env.method())) {
            editorSendsWatchedFiles = true;
          }
          gopls.send(frame, null);
        }
      }
    }
  }

  private void apply(String method, JsonObject message) {
    var params = params(message);
    try {
      switch (method) {
        case "initialize" -> session.initialize(params);
        case "initialized" -> session.initialized(params);
        case "workspace/didChangeConfiguration" -> session.didChangeConfiguration(params);
        case "workspace/didChangeWorkspaceFolders" -> session.didChangeWorkspaceFolders(params);
        case "textDocument/didOpen" -> session.documents().didOpen(params);
        case "textDocument/didChange" -> session.documents().didChange(params);
        case "textDocument/didClose" -> session.documents().didClose(params);
        default -> throw new IllegalArgumentException("not a session method: " + method);
      }
    } catch (MalformedParamsException e) {
      log.warn(method + " has malformed params (" + e.getMessage() + "); forwarded as is");
    }
  }

  /** The editor answered a request gopls sent it. */
  private void responseForGopls(Pending pending, Frame frame, Envelope env) {
    if (pending.generation() != gopls.generation()) {
      log.debug("dropped the editor's answer to " + pending.method() + " of a gopls that has since restarted");
      return;
    }
    gopls.send(Messages.withId(frame, env.id(), pending.originalId()), null);
  }

  // ---- gopls -> editor -------------------------------------------------------------------

  @Override
  public void onFrame(int generation, Frame frame) {
    Envelope env;
    try {
      env = Envelope.scan(frame.body());
    } catch (MalformedMessageException e) {
      log.warn("malformed message from gopls, dropped: " + e.getMessage());
      return;
    }
    switch (env.kind()) {
      case REQUEST -> goplsRequest(generation, frame, env);
      case NOTIFICATION -> goplsNotification(generation, frame, env);
      case RESPONSE, ERROR_RESPONSE -> goplsResponse(frame, env);
    }
  }

  private void goplsRequest(int generation, Frame frame, Envelope env) {
    if ("client/registerCapability".equals(env.method()) || "client/unregisterCapability".equals(env.method())) {
      var filtered = registrations.filter(env.method(), Messages.parse(frame), generation);
      if (filtered.isEmpty()) {
        gopls.sendTo(generation, Messages.frame(Messages.result(env.id(), JsonNull.INSTANCE)));
        return;
      }
      editor.relayRequest(filtered.get(), env, generation);
      return;
    }
    editor.relayRequest(frame, env, generation);
  }

  private void goplsNotification(int generation, Frame frame, Envelope env) {
    switch (env.method()) {
      case "textDocument/publishDiagnostics" -> {
        var params = params(Messages.parse(frame));
        var uri = params.has("uri") ? params.get("uri").getAsString() : "";
        var list = params.has("diagnostics") && params.get("diagnostics").isJsonArray()
            ? params.getAsJsonArray("diagnostics") : new JsonArray();
        lastDiagnostics = clock.instant();
        synchronized (diagnostics) {
          var union = diagnostics.update(DiagnosticsUnion.GOPLS, uri, list, generation, params);
          if (diagnostics.onlySource(uri, DiagnosticsUnion.GOPLS)) {
            editor.send(frame);
          } else {
            editor.send(Messages.frame(Messages.notification("textDocument/publishDiagnostics", union)));
          }
        }
        return;
      }
      case "$/progress" -> progress.observe(params(Messages.parse(frame)), generation);
      case "$/cancelRequest" -> {
        editor.cancelFromGopls(params(Messages.parse(frame)));
        return;
      }
      default -> { }
    }
    editor.send(frame);
  }

  private void goplsResponse(Frame frame, Envelope env) {
    if (env.id().isJsonNull()) {
      editor.send(frame); // gopls could not read something the editor sent: let the editor know
      return;
    }
    var found = toGopls.complete(env.id());
    if (found.isEmpty()) {
      log.warn("gopls answered an unknown request id " + env.id() + "; dropped");
      return;
    }
    var pending = found.get();
    switch (pending.origin()) {
      case PROXY -> pending.reply().complete(Messages.parse(frame));
      case EDITOR -> {
        if ("initialize".equals(pending.method())) {
          initializeAnswered.set(true);
          var rewritten = InitializeRewrite.rewrite(Messages.parse(frame), commands.names(), version);
          rewritten.add("id", pending.originalId());
          editor.send(Messages.frame(rewritten));
        } else {
          editor.send(Messages.withId(frame, env.id(), pending.originalId()));
        }
      }
      case GOPLS -> log.warn("a gopls request was routed back to gopls; dropped");
    }
  }

  // ---- supervision -----------------------------------------------------------------------

  @Override
  public boolean onDeath(int generation, String cause, List<String> stderrTail, Set<IdKey> queued) {
    for (var pending : toGopls.drain(p -> !queued.contains(IdKey.of(p.wireId())))) {
      switch (pending.origin()) {
        case PROXY -> pending.reply().completeExceptionally(new IllegalStateException(cause));
        case EDITOR -> editor.send(Messages.frame("initialize".equals(pending.method())
            ? Messages.error(pending.originalId(), Messages.INTERNAL_ERROR,
                "HotLSP: " + cause + " before answering initialize" + tailText(stderrTail))
            : Messages.error(pending.originalId(), Messages.CONTENT_MODIFIED, "gopls restarted: " + cause)));
        case GOPLS -> { }
      }
    }
    for (var token : progress.endAll(generation)) {
      var params = new JsonObject();
      params.add("token", token);
      var value = new JsonObject();
      value.addProperty("kind", "end");
      value.addProperty("message", "gopls restarted");
      params.add("value", value);
      editor.send(Messages.frame(Messages.notification("$/progress", params)));
    }
    if (!initializeAnswered.get()) {
      var message = "HotLSP: " + cause + " before answering initialize" + tailText(stderrTail);
      unavailable = message;
      editor.showMessage(1, message);
      return false;
    }
    return true;
  }

  private static String tailText(List<String> tail) {
    return tail.isEmpty() ? "" : ". Its last output: " + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
  }

  @Override
  public CompletableFuture<?> initialize(int generation) {
    var plan = session.replayPlan();
    if (plan.isEmpty() || !(plan.get(0) instanceof Replay.Request request)) {
      return CompletableFuture.completedFuture(null);
    }
    var pending = toGopls.own(request.method(), generation);
    if (!gopls.sendTo(generation, Messages.frame(Messages.request(pending.wireId(), request.method(), request.params())))) {
      toGopls.complete(pending.wireId());
      return CompletableFuture.failedFuture(new IllegalStateException("gopls is gone"));
    }
    return pending.reply().thenAccept(response -> {
      if (response.has("error")) {
        throw new IllegalStateException("initialize failed: " + response.get("error"));
      }
    });
  }

  @Override
  public void replay(int generation) {
    for (var item : session.replayPlan()) {
      if (item instanceof Replay.Notification n) {
        gopls.sendTo(generation, Messages.frame(Messages.notification(n.method(), n.params())));
      }
    }
  }

  @Override
  public void restored(int generation, String crash) {
    int documents = session.documents().snapshot().size();
    editor.showMessage(2, "gopls stopped (" + crash + "); HotLSP restarted it and restored "
        + documents + " open document" + (documents == 1 ? "" : "s") + ".");
    sweepWhenSettled(generation);
  }

  /**
   * Once the new gopls has settled (no progress under way, no diagnostics for a second; at most
   * a minute), clears the diagnostics only a dead generation had published.
   */
  private void sweepWhenSettled(int generation) {
    var started = clock.instant();
    lastDiagnostics = started;
    var task = new AtomicReference<ScheduledFuture<?>>();
    task.set(scheduler.scheduleWithFixedDelay(() -> {
      var now = clock.instant();
      boolean quiet = !progress.busy() && Duration.between(lastDiagnostics, now).toMillis() >= 1000;
      if (quiet || Duration.between(started, now).toSeconds() >= 60 || gopls.generation() != generation) {
        if (gopls.generation() == generation) {
          clearStaleDiagnostics(generation);
        }
        var t = task.get();
        if (t != null) {
          t.cancel(false);
        }
      }
    }, 250, 250, TimeUnit.MILLISECONDS));
  }

  @Override
  public void expired(JsonElement wireId) {
    toGopls.complete(wireId).filter(p -> p.origin() == Origin.EDITOR).ifPresent(p -> editor.send(Messages.frame(
        Messages.error(p.originalId(), Messages.CONTENT_MODIFIED, "gopls is restarting; try again"))));
  }

  @Override
  public void gaveUp(String crash, int crashes, Duration window) {
    unavailable = "gopls crashed " + crashes + " times within " + window.toMinutes()
        + " minutes; HotLSP stopped restarting it. Run the command hotlsp.restartGopls to start it again.";
    editor.showMessage(1, unavailable + " Last crash: " + crash);
  }

  /** Clears gopls diagnostics that a dead generation published and the current one has not. */
  public void clearStaleDiagnostics(int generation) {
    for (var uri : diagnostics.staleGoplsUris(generation)) {
      publishDiagnostics(DiagnosticsUnion.GOPLS, uri, new JsonArray(), generation);
    }
  }

  /** Replaces {@code source}'s diagnostics for {@code uri} and publishes the file's union. */
  public void publishDiagnostics(String source, String uri, JsonArray list) {
    publishDiagnostics(source, uri, list, 0);
  }

  private void publishDiagnostics(String source, String uri, JsonArray list, int generation) {
    synchronized (diagnostics) {
      var union = diagnostics.update(source, uri, list, generation, null);
      editor.send(Messages.frame(Messages.notification("textDocument/publishDiagnostics", union)));
    }
  }

  /** Sends a notification HotLSP originates to gopls (queued while gopls restarts). */
  public void notifyGopls(String method, JsonObject params) {
    gopls.send(Messages.frame(Messages.notification(method, params)), null);
  }

  /**
   * True when the editor reports file changes to gopls itself: it sent one, or it holds gopls's
   * dynamic registration for them.
   */
  public boolean editorWatchesFiles() {
    return editorSendsWatchedFiles || registrations.holds("workspace/didChangeWatchedFiles");
  }

  private static JsonObject params(JsonObject message) {
    var p = message.get("params");
    return p != null && p.isJsonObject() ? p.getAsJsonObject() : new JsonObject();
  }
}
