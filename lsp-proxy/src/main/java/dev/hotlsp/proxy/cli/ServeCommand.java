package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.route.Peer;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.FrameReader;
import dev.hotlsp.proxy.wire.FrameOutbox;
import dev.hotlsp.proxy.wire.ReadResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * {@code hotlsp serve}: LSP on the given streams in front of a supervised gopls, until the editor
 * sends {@code exit} or closes the stream; then gopls and every child are stopped.
 */
public final class ServeCommand {
  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;

  public ServeCommand(InputStream in, OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
  }

  public int run(ProxySettings settings, Options options) {
    TraceLog trace = null;
    if (options.trace().isPresent()) {
      try {
        trace = new TraceLog(new PrintStream(new FileOutputStream(options.trace().get().toFile(), true), true,
            StandardCharsets.UTF_8), clock);
      } catch (IOException e) {
        err.println("hotlsp: cannot open trace file " + options.trace().get() + ": " + e.getMessage());
        return 2;
      }
    }
    var writer = new FrameOutbox(out, "editor-stdout", e -> log.debug("the editor's stream is closed: " + e.getMessage()));
    Peer editor = writer::send;
    if (trace != null) {
      editor = trace.tracing("hotlsp->editor", editor);
    }
    try (var core = ProxyCore.start(settings, editor, launcher, log, clock, log::error,
        trace == null ? FrameTap.NONE : trace)) {
      Consumer<Frame> inbound = core.router()::fromEditor;
      if (trace != null) {
        inbound = trace.tracing("editor->hotlsp", inbound);
      }
      var sink = inbound;
      var reader = new FrameReader(in, settings.maxMessageBytes());
      Thread.ofPlatform().daemon().name("editor-reader").start(() -> {
        try {
          while (true) {
            var next = reader.next();
            if (next instanceof ReadResult.Message m) {
              try {
                sink.accept(m.frame());
              } catch (RuntimeException e) {
                log.error("internal error while routing an editor message (dropped): " + e);
              }
            } else if (next instanceof ReadResult.Problem p) {
              core.router().editorProblem(p);
            } else {
              break;
            }
          }
        } catch (IOException e) {
          log.warn("reading from the editor failed: " + e.getMessage());
        }
        core.router().editorClosed();
      });
      int code = core.router().exitCode().get();
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
