package dev.hotlsp.bridge.run;

/**
 * Receives a run's output and its end. {@link #output} is called on the run's two pump threads as
 * the bytes arrive, with a buffer the runner reuses: copy what you keep, batch, and cap what you
 * keep yourself (a program may write gigabytes; the runner keeps only its head and tail). {@link
 * #ended} is called once, after both streams reached their end.
 */
public interface RunListener {
  void output(String runId, StdStream stream, byte[] bytes, int len);

  void ended(RunResult result);

  /** A listener that ignores everything. */
  static RunListener none() {
    return new RunListener() {
      @Override
      public void output(String runId, StdStream stream, byte[] bytes, int len) {}

      @Override
      public void ended(RunResult result) {}
    };
  }
}
