package dev.hotlsp.proxy.gopls;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.FrameReader;
import dev.hotlsp.proxy.wire.FrameOutbox;
import dev.hotlsp.proxy.wire.ReadResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One generation of the gopls child: its process, a reader thread for its stdout, a thread that
 * logs its stderr (keeping the tail for crash reports), and its stdin writer. Reports every frame
 * and, exactly once, its death to its {@link Events}.
 */
final class GoplsProcess {
  /** What a generation reports; called on its own threads. */
  interface Events {
    void onFrame(int generation, Frame frame);

    void onDeath(int generation, String cause);
  }

  private final int generation;
  private final ChildProcess child;
  private final FrameOutbox writer;
  private final StderrTail tail = new StderrTail(20);
  private final AtomicBoolean dead = new AtomicBoolean();

  private GoplsProcess(int generation, ChildProcess child, Log log) {
    this.generation = generation;
    this.child = child;
    this.writer = new FrameOutbox(child.stdin(), "gopls-" + generation + "-stdin",
        e -> log.debug("gopls's input is closed: " + e.getMessage()));
  }

  static GoplsProcess start(
      int generation, CommandSpec spec, ProcessLauncher launcher, long maxMessageBytes, Log log, Events events)
      throws IOException {
    var process = new GoplsProcess(generation, launcher.start(spec), log);
    process.startThreads(maxMessageBytes, log, events);
    return process;
  }

  private void startThreads(long maxMessageBytes, Log log, Events events) {
    Thread.ofPlatform().daemon().name("gopls-" + generation + "-stdout").start(() -> {
      var reader = new FrameReader(child.stdout(), maxMessageBytes);
      var unreadable = new UnreadableOutput();
      String cause = "gopls closed its output";
      try {
        long position = 0;
        while (true) {
          var next = reader.next();
          if (next instanceof ReadResult.Problem p && p.envelope().isEmpty()) {
            unreadable.skipped(reader.position() - position, p.description());
          } else {
            unreadable.end().ifPresent(summary -> log.warn("gopls[" + generation + "]: " + summary));
          }
          position = reader.position();
          if (next instanceof ReadResult.Message m) {
            try {
              events.onFrame(generation, m.frame());
            } catch (RuntimeException e) {
              log.error("internal error while routing a gopls message (dropped): " + e);
            }
          } else if (next instanceof ReadResult.Problem p && p.envelope().isPresent()) {
            log.warn("gopls sent a bad frame: " + p.description());
          } else if (next instanceof ReadResult.End) {
            break;
          }
        }
      } catch (IOException e) {
        unreadable.end().ifPresent(summary -> log.warn("gopls[" + generation + "]: " + summary));
        cause = "reading gopls's output failed: " + e.getMessage();
      }
      die(events, cause);
    });
    Thread.ofPlatform().daemon().name("gopls-" + generation + "-stderr").start(() -> {
      try (var err = new BufferedReader(new InputStreamReader(child.stderr(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          tail.add(line);
          log.info("gopls[" + generation + "]: " + line);
        }
      } catch (IOException ignored) {
        // the process is gone; the stdout reader reports the death
      }
    });
    child.onExit().thenAccept(code -> die(events, describeExit(code)));
  }

  private void die(Events events, String cause) {
    if (dead.compareAndSet(false, true)) {
      String reason = cause;
      try {
        // wait briefly for the exit status so the report can name it
        reason = describeExit(child.onExit().get(500, java.util.concurrent.TimeUnit.MILLISECONDS));
      } catch (Exception stillRunning) {
        // it closed its output but has not exited: report that
      }
      events.onDeath(generation, reason);
    }
  }

  static String describeExit(int code) {
    if (code > 128 && code < 128 + 65) {
      return "gopls was killed by signal " + (code - 128) + signalName(code - 128);
    }
    return "gopls exited with code " + code;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 9 -> " (SIGKILL)";
      case 15 -> " (SIGTERM)";
      case 11 -> " (SIGSEGV)";
      case 6 -> " (SIGABRT)";
      case 2 -> " (SIGINT)";
      default -> "";
    };
  }

  int generation() {
    return generation;
  }

  long pid() {
    return child.pid();
  }

  List<String> stderrTail() {
    return tail.lines();
  }

  boolean isDead() {
    return dead.get();
  }

  /** Queues a frame for gopls's stdin; false when the pipe is already broken. */
  boolean send(Frame frame) {
    return writer.send(frame);
  }

  /** Closes stdin (gopls exits on EOF), waits for {@code grace}, then stops the process tree. */
  void stop(Duration grace) {
    dead.set(true);
    writer.closeAndWait(grace.toMillis());
    try {
      child.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      child.stop(Duration.ofMillis(500));
    }
  }

  /** gopls is about to exit on request: its death will not be reported. */
  void expectExit() {
    dead.set(true);
  }

  /**
   * Kills the process tree; returns true when this call, not the process's own end, is to report
   * the death (false when its death is already being reported, so it is counted once).
   */
  boolean kill() {
    boolean first = dead.compareAndSet(false, true);
    child.kill();
    return first;
  }
}
