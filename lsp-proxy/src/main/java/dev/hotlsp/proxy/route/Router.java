package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.gopls.GoplsSupervisor.Outcome;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.session.MalformedParamsException;
import dev.hotlsp.proxy.session.SessionState;
import dev.hotlsp.proxy.wire.Envelope;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.IdKey;
import dev.hotlsp.proxy.wire.MalformedMessageException;
import dev.hotlsp.proxy.wire.Messages;
import dev.hotlsp.proxy.wire.ReadResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The forwarder: one switch on the methods HotLSP intercepts; every other message passes through
 * as the original bytes, with an id rewritten only when it would collide in the receiver's id
 * space. Called on the editor's reader thread ({@link #fromEditor}) and on gopls's reader thread
 * ({@link #onFrame}); all shared state is in thread-safe parts.
 */
public final class Router implements GoplsSupervisor.FrameSink {
  private final EditorChannel editor;
  private final GoplsSupervisor gopls;
  private final SessionState session;
  private final DiagnosticsPublisher diagnostics;
  private final Commands commands;
  private final Recovery recovery;
  private final PendingRequests toGopls;
  private final ProgressTracker progress;
  private final Log log;
  private final String version;
  private final Runnable onInitialized;
  private final Consumer<String> fileChanged;
  private final Consumer<List<JsonObject>> foldersChanging;
  private final EditorRequests requests;
  private final RegistrationLedger registrations = new RegistrationLedger();
  private final ShownMessages shown = new ShownMessages();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  /** The editor's initialize requests gopls has not answered yet, by the editor's id. */
  private final Map<IdKey, JsonObject> proposedInitialize = new ConcurrentHashMap<>();
  private volatile boolean shutdownRequested;
  private volatile boolean editorSendsWatchedFiles;

  /** The parts the router shares with {@link Recovery}, made once per session by {@link #create}. */
  private Router(EditorChannel editor, GoplsSupervisor gopls, SessionState session, DiagnosticsPublisher diagnostics,
      Commands commands, Recovery recovery, PendingRequests toGopls, ProgressTracker progress, Log log,
      String version, Runnable onInitialized, Consumer<String> fileChanged, Consumer<List<JsonObject>> foldersChanging,
      EditorRequests requests) {
    this.requests = requests;
    this.fileChanged = fileChanged;
    this.foldersChanging = foldersChanging;
    this.editor = editor;
    this.gopls = gopls;
    this.session = session;
    this.diagnostics = diagnostics;
    this.commands = commands;
    this.recovery = recovery;
    this.toGopls = toGopls;
    this.progress = progress;
    this.log = log;
    this.version = version;
    this.onInitialized = onInitialized;
  }

  /**
   * Wires a router and its {@link Recovery} around one id space for gopls; {@code fileChanged} is
   * told the URI of each file the editor changes, saves or reports changed on disk;
   * {@code foldersChanging} the workspace folders of the editor's {@code initialize} and after
   * each {@code workspace/didChangeWorkspaceFolders}, before gopls is sent the message (on the
   * editor's reader thread: it must not wait for slow work).
   */
  public static Router create(EditorChannel editor, GoplsSupervisor gopls, SessionState session,
      DiagnosticsPublisher diagnostics, Commands commands, Log log, String version,
      java.util.concurrent.ScheduledExecutorService scheduler, java.time.Clock clock, Runnable onInitialized,
      Consumer<String> fileChanged, Consumer<List<JsonObject>> foldersChanging) {
    return create(editor, gopls, session, diagnostics, commands, log, version, scheduler, clock, onInitialized,
        fileChanged, foldersChanging, EditorRequests.NONE);
  }

  /** As above, with {@code requests} answered by HotLSP itself (the web session's file requests). */
  public static Router create(EditorChannel editor, GoplsSupervisor gopls, SessionState session,
      DiagnosticsPublisher diagnostics, Commands commands, Log log, String version,
      java.util.concurrent.ScheduledExecutorService scheduler, java.time.Clock clock, Runnable onInitialized,
      Consumer<String> fileChanged, Consumer<List<JsonObject>> foldersChanging, EditorRequests requests) {
    var toGopls = new PendingRequests();
    var progress = new ProgressTracker();
    var recovery = new Recovery(editor, gopls, session, toGopls, progress, diagnostics, scheduler, clock, log);
    return new Router(editor, gopls, session, diagnostics, commands, recovery, toGopls, progress, log, version,
        onInitialized, fileChanged, foldersChanging, requests);
  }

  /** The supervisor's listener for deaths and replays. */
  public Recovery recovery() {
    return recovery;
  }

  /** Completes with the process exit code once the editor sent {@code exit} or went away. */
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  public ProgressTracker progress() {
    return progress;
  }

  public DiagnosticsPublisher diagnostics() {
    return diagnostics;
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
      case REQUEST -> answeringFailures(frame, env);
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

  /** Routes an editor request; whatever routing fails on, the editor gets an error answer with its id. */
  private void answeringFailures(Frame frame, Envelope env) {
    try {
      editorRequest(frame, env);
    } catch (MalformedParamsException e) {
      log.warn(env.method() + " " + env.id() + " has invalid params: " + e.getMessage());
      editor.send(Messages.frame(Messages.error(env.id(), Messages.INVALID_PARAMS,
          "HotLSP: invalid params for " + env.method() + ": " + e.getMessage())));
    } catch (RuntimeException e) {
      log.error("internal error while routing " + env.method() + " " + env.id() + ": " + e);
      editor.send(Messages.frame(Messages.error(env.id(), Messages.INTERNAL_ERROR,
          "HotLSP failed on " + env.method() + ": " + e)));
    }
  }

  private void editorRequest(Frame frame, Envelope env) throws MalformedParamsException {
    switch (env.method()) {
      case "initialize" -> {
        // recorded for the replay only once gopls accepts it (goplsResponse)
        var initialize = Messages.parse(frame);
        proposedInitialize.put(IdKey.of(env.id()), initialize);
        List<JsonObject> folders;
        try {
          folders = SessionState.foldersOf(params(initialize));
        } catch (MalformedParamsException e) {
          folders = List.of(); // gopls answers what it makes of them
        }
        foldersChanging.accept(folders);
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
        var command = commandName(params);
        if (commands.handles(command)) {
          var args = params.has("arguments") && params.get("arguments").isJsonArray()
              ? params.getAsJsonArray("arguments") : new JsonArray();
          commands.execute(command, args).whenComplete((result, failure) -> editor.send(Messages.frame(
              failure == null ? Messages.result(env.id(), result) : Commands.error(env.id(), command, failure))));
        } else {
          forward(frame, env);
        }
      }
      default -> {
        if (requests.handles(env.method())) {
          var message = Messages.parse(frame);
          var params = message.has("params") && message.get("params").isJsonObject()
              ? message.getAsJsonObject("params") : new JsonObject();
          requests.handle(env.method(), params).whenComplete((result, failure) -> editor.send(Messages.frame(
              failure == null ? Messages.result(env.id(), result) : Commands.error(env.id(), env.method(), failure))));
        } else {
          forward(frame, env);
        }
      }
    }
  }

  private void forward(Frame frame, Envelope env) {
    var wireId = toGopls.relay(Origin.EDITOR, env.id(), env.method(), 0);
    var outcome = gopls.send(Messages.withId(frame, env.id(), wireId), wireId);
    if (outcome == Outcome.SENT && "initialize".equals(env.method())) {
      gopls.superviseInitialize(recovery.initializeAnswer());
    }
    if (outcome == Outcome.UNAVAILABLE) {
      toGopls.complete(wireId);
      boolean initialize = "initialize".equals(env.method());
      if (initialize) {
        proposedInitialize.remove(IdKey.of(env.id()));
        editor.showMessage(1, recovery.unavailable());
      }
      editor.send(Messages.frame(Messages.error(env.id(),
          initialize ? Messages.INTERNAL_ERROR : Messages.REQUEST_FAILED, recovery.unavailable())));
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
      case "workspace/didChangeWatchedFiles" -> {
        editorSendsWatchedFiles = true;
        gopls.send(frame, null);
        var changes = params(Messages.parse(frame)).get("changes");
        if (changes != null && changes.isJsonArray()) {
          changes.getAsJsonArray().forEach(c -> uri(c).ifPresent(fileChanged));
        }
      }
      case "textDocument/didSave" -> {
        gopls.send(frame, null);
        uri(params(Messages.parse(frame)).get("textDocument")).ifPresent(fileChanged);
      }
      default -> {
        if (SessionState.METHODS.contains(env.method())) {
          var message = Messages.parse(frame);
          gopls.sendSessionUpdate(() -> {
            apply(env.method(), message);
            if ("workspace/didChangeWorkspaceFolders".equals(env.method())) {
              foldersChanging.accept(session.workspaceFolders());
            }
          }, frame);
          if ("textDocument/didChange".equals(env.method())) {
            uri(params(message).get("textDocument")).ifPresent(fileChanged);
          }
          if ("initialized".equals(env.method())) {
            onInitialized.run();
          }
        } else {
          gopls.send(frame, null);
        }
      }
    }
  }

  private void apply(String method, JsonObject message) {
    try {
      session.apply(method, params(message));
    } catch (MalformedParamsException e) {
      log.warn(method + " has malformed params (" + e.getMessage() + "); forwarded as is");
    }
  }

  /** The editor answered a request gopls sent it. */
  private void responseForGopls(Pending pending, Frame frame, Envelope env) {
    if ("window/showMessageRequest".equals(pending.method())) {
      var message = Messages.parse(frame);
      shown.answered(IdKey.of(env.id()), message.has("result") ? message.get("result") : null);
    }
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
      frame = filtered.get();
    }
    if ("window/showMessageRequest".equals(env.method())) {
      var key = ShownMessages.Key.of(params(Messages.parse(frame)));
      if (!shown.show(key, recovery.replaying(generation))) {
        log.info("gopls[" + generation + "] repeated a question the editor was asked before; answered as then: "
            + key.text());
        gopls.sendTo(generation, Messages.frame(Messages.result(env.id(), shown.answer(key))));
        return;
      }
      editor.relayRequest(frame, env, generation, wire -> shown.asked(IdKey.of(wire), key));
      return;
    }
    editor.relayRequest(frame, env, generation);
  }

  private void goplsNotification(int generation, Frame frame, Envelope env) {
    switch (env.method()) {
      case "textDocument/publishDiagnostics" -> diagnostics.fromGopls(frame, params(Messages.parse(frame)), generation);
      case "$/cancelRequest" -> editor.cancelFromGopls(params(Messages.parse(frame)));
      case "window/showMessage" -> {
        var key = ShownMessages.Key.of(params(Messages.parse(frame)));
        if (shown.show(key, recovery.replaying(generation))) {
          editor.send(frame);
        } else {
          log.info("gopls[" + generation + "] repeated a message the editor was shown before: " + key.text());
        }
      }
      case "$/progress" -> {
        progress.observe(params(Messages.parse(frame)), generation);
        editor.send(frame);
      }
      default -> editor.send(frame);
    }
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
          recovery.initializeAnswered();
          var proposed = proposedInitialize.remove(IdKey.of(pending.originalId()));
          if (proposed != null && env.kind() == Envelope.Kind.RESPONSE) {
            apply("initialize", proposed);
          }
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

  // ---- for HotLSP's own features ---------------------------------------------------------

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

  /** A file changed on disk (HotLSP's own watcher): as if the editor had reported it. */
  public void fileChanged(String uri) {
    fileChanged.accept(uri);
  }

  /** The {@code uri} member of {@code object} (a text document or a file event), when it is a string. */
  private static java.util.Optional<String> uri(com.google.gson.JsonElement object) {
    if (object == null || !object.isJsonObject()) {
      return java.util.Optional.empty();
    }
    var uri = object.getAsJsonObject().get("uri");
    return uri != null && uri.isJsonPrimitive() && uri.getAsJsonPrimitive().isString()
        ? java.util.Optional.of(uri.getAsString()) : java.util.Optional.empty();
  }

  /** The {@code command} of executeCommand params: LSP says it is a string. */
  private static String commandName(JsonObject params) throws MalformedParamsException {
    var command = params.get("command");
    if (command == null || !command.isJsonPrimitive() || !command.getAsJsonPrimitive().isString()) {
      throw new MalformedParamsException("command", "must be a string, not " + command);
    }
    return command.getAsString();
  }

  private static JsonObject params(JsonObject message) {
    var p = message.get("params");
    return p != null && p.isJsonObject() ? p.getAsJsonObject() : new JsonObject();
  }
}
