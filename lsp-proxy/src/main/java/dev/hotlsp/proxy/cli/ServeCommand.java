package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.route.Peer;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.FrameReader;
import dev.hotlsp.proxy.wire.FrameOutbox;
import dev.hotlsp.proxy.wire.PeerStalledException;
import dev.hotlsp.proxy.wire.ReadResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * {@code hotlsp serve}: LSP on the given streams in front of a supervised gopls, until the editor
 * sends {@code exit} or closes the stream; then gopls and every child are stopped. An editor that
 * stops reading its output, a failed write to it, or an {@link Error} on its reader thread ends the
 * session with exit code 1.
 */
public final class ServeCommand {
  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private volatile ProxyCore running;

  public ServeCommand(InputStream in, OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
  }

  /** The session's parts once {@link #run} has started them (for tests and diagnostics). */
  public java.util.Optional<ProxyCore> core() {
    return java.util.Optional.ofNullable(running);
  }

  public int run(ProxySettings settings, Options options) {
    TraceLog trace = null;
    if (options.trace().isPresent()) {
      try {
        trace = new TraceLog(new PrintStream(new FileOutputStream(options.trace().get().toFile(), true), true,
            StandardCharsets.UTF_8), clock);
      } catch (IOException e) {
        err.println(TerminalText.escape("hotlsp: cannot open trace file " + options.trace().get() + ": " + e.getMessage()));
        return 2;
      }
    }
    var failed = new CompletableFuture<Integer>();
    var writer = new FrameOutbox(out, "editor-stdout", options.outbox(), e -> {
      if (!failed.isDone()) {
        log.error(e instanceof PeerStalledException
            ? "the editor stopped reading HotLSP's output (" + e.getMessage() + "); ending the session"
            : "cannot write to the editor (" + e.getMessage() + "); ending the session");
      }
      failed.complete(1);
    });
    Peer editor = writer::send;
    if (trace != null) {
      editor = trace.tracing("hotlsp->editor", editor);
    }
    try (var core = ProxyCore.start(settings, editor, launcher, log, clock, log::error,
        trace == null ? FrameTap.NONE : trace, writer)) {
      running = core;
      Consumer<Frame> inbound = core.router()::fromEditor;
      if (trace != null) {
        inbound = trace.tracing("editor->hotlsp", inbound);
      }
      var sink = inbound;
      var reader = new FrameReader(in, settings.maxMessageBytes());
      Thread.ofPlatform().daemon().name("editor-reader").start(() -> {
        try {
          while (true) {
            writer.awaitRoom(); // the editor does not read what it is sent: stop reading from it
            core.supervisor().awaitRoom(); // gopls's queue is full: stop reading from the editor
            var next = reader.next();
            try {
              if (next instanceof ReadResult.Message m) {
                sink.accept(m.frame());
              } else if (next instanceof ReadResult.Problem p) {
                core.router().editorProblem(p);
              } else {
                break;
              }
            } catch (RuntimeException e) {
              log.error("internal error while routing an editor message (dropped): " + e);
            }
          }
        } catch (IOException e) {
          log.warn("reading from the editor failed: " + e.getMessage());
        } catch (Throwable t) {
          log.error("internal error on the editor's reader thread (" + t + "); ending the session");
          failed.complete(1);
          return;
        }
        core.router().editorClosed();
      });
      int code = core.router().exitCode().applyToEither(failed, c -> c).get();
      log.info("editor session ended (exit code " + code + ")");
      writer.closeAndWait(2000);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      return 1;
    }
  }
}
