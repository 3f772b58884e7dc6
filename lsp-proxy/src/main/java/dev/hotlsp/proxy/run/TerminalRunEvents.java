package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.StdStream;
import dev.hotlsp.proxy.log.TerminalText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Runs as {@code hotlsp run} shows them: the program's stdout and stderr, byte for byte, on
 * HotLSP's own, and one summary line per run on stderr ({@code hotlsp: <reason> exit=… wall=…ms
 * cpu=…ms peak=…KiB truncated=…}). HotLSP's own lines have their control characters escaped
 * ({@link TerminalText}); the program's output is never changed. Thread-safe.
 */
public final class TerminalRunEvents implements RunEvents {
  private final OutputStream out;
  private final PrintStream err;
  private final boolean announceStarts;
  private final CompletableFuture<RunResult> firstEnd = new CompletableFuture<>();

  /** @param announceStarts say on stderr when each run starts ({@code --watch}) */
  public TerminalRunEvents(OutputStream out, PrintStream err, boolean announceStarts) {
    this.out = out;
    this.err = err;
    this.announceStarts = announceStarts;
  }

  /** The end of the first run. */
  public CompletableFuture<RunResult> firstEnd() {
    return firstEnd;
  }

  @Override
  public void started(RunStarted started) {
    if (announceStarts) {
      synchronized (err) {
        err.println(TerminalText.escape("hotlsp: started " + started.target() + " (pid " + started.pid() + ", "
            + started.isolation().wireName() + ")"));
      }
    }
  }

  @Override
  public void output(String runId, String target, StdStream stream, byte[] bytes, int len) {
    if (stream == StdStream.STDOUT) {
      synchronized (out) {
        try {
          out.write(bytes, 0, len);
          out.flush();
        } catch (IOException e) {
          // our stdout is closed (a pipe whose reader left): the program's output goes nowhere
        }
      }
    } else {
      synchronized (err) {
        err.write(bytes, 0, len);
        err.flush();
      }
    }
  }

  @Override
  public void ended(RunResult result) {
    synchronized (err) {
      err.println(TerminalText.escape("hotlsp: " + RunMessages.summary(result)));
    }
    firstEnd.complete(result);
  }

  @Override
  public void warn(String message) {
    synchronized (err) {
      err.println(TerminalText.escape("hotlsp: " + message));
    }
  }
}
