package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.session.Replay;
import dev.hotlsp.proxy.session.SessionState;
import dev.hotlsp.proxy.wire.IdKey;
import dev.hotlsp.proxy.wire.LspValues;
import dev.hotlsp.proxy.wire.Messages;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What HotLSP does when gopls dies, for the editor: answers the requests the dead gopls held, ends
 * its progress, replays the session to the new gopls, says once what happened, and clears the
 * diagnostics only the dead gopls had published once the new one has settled.
 */
public final class Recovery implements GoplsSupervisor.Listener {
  private final EditorChannel editor;
  private final GoplsSupervisor gopls;
  private final SessionState session;
  private final PendingRequests toGopls;
  private final ProgressTracker progress;
  private final DiagnosticsPublisher diagnostics;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Log log;
  private final CompletableFuture<Void> initializeAnswered = new CompletableFuture<>();
  private volatile String unavailable = "gopls is not running";
  /** The generation being replayed to, from its initialize until it has settled; 0 when none. */
  private volatile int replaying;

  Recovery(EditorChannel editor, GoplsSupervisor gopls, SessionState session, PendingRequests toGopls,
      ProgressTracker progress, DiagnosticsPublisher diagnostics, ScheduledExecutorService scheduler, Clock clock,
      Log log) {
    this.editor = editor;
    this.gopls = gopls;
    this.session = session;
    this.toGopls = toGopls;
    this.progress = progress;
    this.diagnostics = diagnostics;
    this.scheduler = scheduler;
    this.clock = clock;
    this.log = log;
  }

  /** Why gopls cannot serve a request now. */
  String unavailable() {
    return unavailable;
  }

  /** gopls could not be found or started: {@code reason} is what the editor is told. */
  public void unavailable(String reason) {
    unavailable = reason;
  }

  /** The editor has its initialize result: from now on a death is followed by a restart. */
  void initializeAnswered() {
    initializeAnswered.complete(null);
  }

  /** Completes once gopls answered the editor's first initialize. */
  CompletableFuture<Void> initializeAnswer() {
    return initializeAnswered;
  }

  @Override
  public boolean onDeath(int generation, String cause, List<String> stderrTail, Set<IdKey> queued) {
    for (var pending : toGopls.drain(p -> !queued.contains(IdKey.of(p.wireId())))) {
      switch (pending.origin()) {
        case PROXY -> pending.reply().completeExceptionally(new IllegalStateException(cause));
        case EDITOR -> editor.send(Messages.frame("initialize".equals(pending.method())
            ? Messages.error(pending.originalId(), Messages.INTERNAL_ERROR, beforeInitialize(cause, stderrTail))
            : Messages.error(pending.originalId(), Messages.CONTENT_MODIFIED, "gopls restarted: " + cause)));
        case GOPLS -> { }
      }
    }
    for (var token : progress.endAll(generation)) {
      endProgress(token);
    }
    if (!initializeAnswered.isDone()) {
      unavailable = beforeInitialize(cause, stderrTail);
      editor.showMessage(1, unavailable);
      return false;
    }
    return true;
  }

  private void endProgress(JsonElement token) {
    var end = new WorkDoneProgressEnd();
    end.setMessage("gopls restarted");
    var params = LspValues.toJson(new ProgressParams(Either.forLeft("-"), Either.forLeft(end))).getAsJsonObject();
    params.add("token", token); // gopls's own token, string or number, exactly as it sent it
    editor.notify("$/progress", params);
  }

  private static String beforeInitialize(String cause, List<String> tail) {
    var last = tail.subList(Math.max(0, tail.size() - 5), tail.size());
    return "HotLSP: " + cause + (cause.contains("initialize") ? "" : " before answering initialize")
        + (last.isEmpty() ? "" : ". Its last output: " + String.join(" | ", last));
  }

  /** True while generation {@code generation} is being brought back: from its initialize until it settled. */
  boolean replaying(int generation) {
    return generation == replaying;
  }

  @Override
  public CompletableFuture<?> initialize(int generation) {
    replaying = generation;
    var plan = session.replayPlan();
    if (plan.isEmpty() || !(plan.get(0) instanceof Replay.Request request)) {
      return CompletableFuture.completedFuture(null);
    }
    var pending = toGopls.own(request.method(), generation);
    var frame = Messages.frame(Messages.request(pending.wireId(), request.method(), request.params()));
    if (!gopls.sendTo(generation, frame)) {
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
   * Once the new gopls has settled (no progress under way, no diagnostics for a second; at most a
   * minute), clears the diagnostics only a dead generation had published and ends its replay.
   */
  private void sweepWhenSettled(int generation) {
    var started = clock.instant();
    diagnostics.touch();
    var task = new AtomicReference<ScheduledFuture<?>>();
    task.set(scheduler.scheduleWithFixedDelay(() -> {
      var now = clock.instant();
      boolean quiet = !progress.busy() && Duration.between(diagnostics.lastFromGopls(), now).toMillis() >= 1000;
      boolean current = gopls.generation() == generation;
      if (quiet || !current || Duration.between(started, now).toSeconds() >= 60) {
        if (current) {
          diagnostics.clearStale(generation);
        }
        if (replaying == generation) {
          replaying = 0;
        }
        var t = task.get();
        if (t != null) {
          t.cancel(false);
        }
      }
    }, 250, 250, TimeUnit.MILLISECONDS));
  }

  /**
   * A request waited in vain for a new gopls: still restarting (ContentModified, the editor may
   * retry), or HotLSP stopped restarting it (RequestFailed, with the reason).
   */
  @Override
  public void expired(JsonElement wireId) {
    boolean restarting = gopls.state() == GoplsSupervisor.State.RESTARTING;
    toGopls.complete(wireId).filter(p -> p.origin() == Origin.EDITOR).ifPresent(p -> editor.send(Messages.frame(
        restarting ? Messages.error(p.originalId(), Messages.CONTENT_MODIFIED, "gopls is restarting; try again")
            : Messages.error(p.originalId(), Messages.REQUEST_FAILED, unavailable))));
  }

  @Override
  public void gaveUp(String crash, int crashes, Duration window) {
    unavailable = "gopls crashed " + crashes + " times within " + window.toMinutes()
        + " minutes; HotLSP stopped restarting it. Run the command hotlsp.restartGopls to start it again.";
    log.warn(unavailable);
    editor.showMessage(1, unavailable + " Last crash: " + crash);
  }
}
