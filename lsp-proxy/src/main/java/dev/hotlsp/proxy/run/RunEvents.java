package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.StdStream;

/**
 * What a {@link RunController} reports: to the editor as LSP notifications ({@link EditorRunEvents})
 * or to a terminal ({@code hotlsp run}). For one run, {@link #started} comes first, {@link #ended}
 * last, after all its output.
 */
public interface RunEvents {
  void started(RunStarted started);

  /** Output as it arrives, on the run's pump threads; {@code bytes} is reused after the call. */
  void output(String runId, String target, StdStream stream, byte[] bytes, int len);

  void ended(RunResult result);

  /** Something the user must know (a sandbox that could not start). */
  void warn(String message);

  /**
   * A crash loop held {@code target} back: {@code message} says so and {@code runAgain} starts it
   * again (the editor offers it as a button). By default, a warning.
   */
  default void crashLoop(String target, String message, Runnable runAgain) {
    warn(message);
  }
}
