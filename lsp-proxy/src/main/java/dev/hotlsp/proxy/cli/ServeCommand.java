package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.proxy.log.TraceLog;
import dev.hotlsp.proxy.server.EditorSession;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.server.ProxySettings;
import dev.hotlsp.proxy.wire.StreamTransport;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

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
    var transport = new StreamTransport(in, out, "editor-stdout", settings.maxMessageBytes(), options.outbox());
    return new EditorSession(launcher, log, clock).run(transport, settings, Optional.ofNullable(trace),
        core -> running = core, log::error);
  }
}
