package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The live connections of {@code hotlsp web}, one HotLSP session each, run on its own thread: on
 * the workspace, or on a fresh scratch copy of it ({@code --sessions}), removed when the session
 * ends. At most {@code max} at once: one more is closed with 1013 (try again later).
 */
final class WebSessions implements Consumer<WebSocketTransport> {
  private final Path directory;
  private final Optional<ScratchWorkspaces> scratch;
  private final int max;
  private final SessionRunner runner;
  private final Log log;
  private final Set<WebSocketTransport> live = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();

  WebSessions(Path directory, Optional<ScratchWorkspaces> scratch, int max, SessionRunner runner, Log log) {
    this.directory = directory;
    this.scratch = scratch;
    this.max = max;
    this.runner = runner;
    this.log = log;
  }

  /** A connection opened: starts its session, or closes it when {@code max} sessions run. */
  @Override
  public void accept(WebSocketTransport transport) {
    synchronized (live) {
      if (live.size() >= max) {
        log.warn("refused a connection: " + max + " sessions already (--max-sessions)");
        transport.closeWith(org.eclipse.jetty.websocket.core.CloseStatus.TRY_AGAIN_LATER,
            "too many sessions (" + max + "); try again later");
        return;
      }
      live.add(transport);
    }
    int n = count.incrementAndGet();
    var thread = Thread.ofPlatform().daemon().name("web-session-" + n).unstarted(() -> serve(transport, n));
    threads.add(thread);
    thread.start();
  }

  private void serve(WebSocketTransport transport, int n) {
    Path workspace = directory;
    try {
      if (scratch.isPresent()) {
        workspace = scratch.get().create();
      }
      log.info("web session " + n + " opened on " + workspace);
      int code = runner.run(transport, workspace);
      log.info("web session " + n + " ended (exit code " + code + ")");
    } catch (IOException e) {
      log.error("web session " + n + ": cannot make its workspace: " + e.getMessage());
      transport.closeWith(org.eclipse.jetty.websocket.core.CloseStatus.SERVER_ERROR, "cannot make the session's workspace");
    } catch (RuntimeException e) {
      log.error("web session " + n + " failed: " + e);
      transport.closeWith(org.eclipse.jetty.websocket.core.CloseStatus.SERVER_ERROR, "internal error");
    } finally {
      transport.close(2000);
      if (scratch.isPresent() && !workspace.equals(directory)) {
        scratch.get().remove(workspace);
      }
      live.remove(transport);
      threads.remove(Thread.currentThread());
    }
  }

  /** The connections with a session now. */
  Set<WebSocketTransport> live() {
    return Set.copyOf(live);
  }

  /** Closes every connection (1001, going away) and waits up to {@code wait} for their sessions to end. */
  void closeAll(Duration wait) {
    for (var t : live()) {
      t.closeWith(org.eclipse.jetty.websocket.core.CloseStatus.SHUTDOWN, "hotlsp web is stopping");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (var t : Set.copyOf(threads)) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
