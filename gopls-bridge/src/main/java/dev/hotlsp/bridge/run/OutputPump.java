package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.io.InputStream;

/**
 * Drains one output stream of a run on its own thread until end of file: each chunk goes to the
 * listener as it arrives and into the run's {@link HeadTail}; a listener that throws is logged and
 * the stream is still drained (a full pipe would block the program).
 */
final class OutputPump {
  private static final System.Logger LOG = System.getLogger(OutputPump.class.getName());
  private static final int CHUNK = 64 * 1024;

  private final Thread thread;

  private OutputPump(Thread thread) {
    this.thread = thread;
  }

  static OutputPump start(String runId, StdStream stream, InputStream in, HeadTail kept, RunListener listener) {
    Runnable pump = () -> {
      var buf = new byte[CHUNK];
      boolean listening = true;
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          kept.add(buf, 0, n);
          if (listening) {
            try {
              listener.output(runId, stream, buf, n);
            } catch (RuntimeException e) {
              listening = false;
              LOG.log(System.Logger.Level.WARNING, "run " + runId + ": the output listener failed; output is still drained", e);
            }
          }
        }
      } catch (IOException e) {
        // the stream was closed under us (the run ended and a stray process still held the pipe)
      }
    };
    var name = "hotlsp-run-" + runId + "-" + stream.name().toLowerCase(java.util.Locale.ROOT);
    return new OutputPump(Thread.ofPlatform().daemon().name(name).start(pump));
  }

  /** Waits up to {@code millis} for end of file; true if the stream was drained to its end. */
  boolean join(long millis) throws InterruptedException {
    return thread.join(java.time.Duration.ofMillis(Math.max(1, millis)));
  }
}
