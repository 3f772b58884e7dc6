package dev.hotlsp.proxy.server;

import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.wire.EditorInput;
import dev.hotlsp.proxy.wire.EditorTransport;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.PeerStalledException;
import dev.hotlsp.proxy.wire.ReadResult;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One editor session on any {@link EditorTransport}: a {@link ProxyCore} in front of its own gopls,
 * until the editor sends {@code exit} or closes its side; then gopls and every child are stopped.
 * An editor that stops reading its output, a failed write to it, or a failure of the transport's
 * thread ends the session with exit code 1.
 */
public final class EditorSession {
  private final ProcessLauncher launcher;
  private final Log log;
  private final Clock clock;

  public EditorSession(ProcessLauncher launcher, Log log, Clock clock) {
    this.launcher = launcher;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Runs the session to its end and returns its exit code; {@code started} gets the core once it
   * runs, {@code failure} a gopls that cannot start (one line).
   */
  public int run(EditorTransport transport, ProxySettings settings, Optional<TraceLog> trace,
      Consumer<ProxyCore> started, Consumer<String> failure) {
    var failed = new CompletableFuture<Integer>();
    var editor = trace.map(t -> t.tracing("hotlsp->editor", transport.output())).orElse(transport.output());
    try (var core = ProxyCore.start(settings, editor, launcher, log, clock, failure,
        trace.<FrameTap>map(t -> t).orElse(FrameTap.NONE), transport.outputRoom())) {
      started.accept(core);
      Consumer<Frame> inbound = core.router()::fromEditor;
      transport.start(new Input(core, trace.map(t -> t.tracing("editor->hotlsp", inbound)).orElse(inbound), failed));
      int code = core.router().exitCode().applyToEither(failed, c -> c).get();
      log.info("editor session ended (exit code " + code + ")");
      transport.close(2000);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      return 1;
    }
  }

  /** The core's side of the transport: messages to the router, failures to the session's end. */
  private final class Input implements EditorInput {
    private final ProxyCore core;
    private final Consumer<Frame> inbound;
    private final CompletableFuture<Integer> failed;

    Input(ProxyCore core, Consumer<Frame> inbound, CompletableFuture<Integer> failed) {
      this.core = core;
      this.inbound = inbound;
      this.failed = failed;
    }

    @Override
    public void awaitRoom() {
      core.supervisor().awaitRoom();
    }

    @Override
    public void message(Frame frame) {
      try {
        inbound.accept(frame);
      } catch (RuntimeException e) {
        log.error("internal error while routing an editor message (dropped): " + e);
      }
    }

    @Override
    public void problem(ReadResult.Problem problem) {
      try {
        core.router().editorProblem(problem);
      } catch (RuntimeException e) {
        log.error("internal error while routing an editor message (dropped): " + e);
      }
    }

    @Override
    public void closed(String reason) {
      if (reason != null) {
        log.warn(reason);
      }
      core.router().editorClosed();
    }

    @Override
    public void broken(IOException e) {
      if (!failed.isDone()) {
        log.error(e instanceof PeerStalledException
            ? "the editor stopped reading HotLSP's output (" + e.getMessage() + "); ending the session"
            : "cannot write to the editor (" + e.getMessage() + "); ending the session");
      }
      failed.complete(1);
    }

    @Override
    public void failed(Throwable t) {
      log.error("internal error on the editor's reader thread (" + t + "); ending the session");
      failed.complete(1);
    }
  }
}
