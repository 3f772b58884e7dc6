package dev.hotlsp.proxy.run;

import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;
import dev.hotlsp.bridge.run.StdStream;
import dev.hotlsp.bridge.watch.Scheduler;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.wire.LspValues;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ShowMessageRequestParams;

/**
 * Runs as the editor sees them: {@code hotlsp/runStarted}, {@code hotlsp/output} (batched per run
 * by an {@link OutputBatcher}: one notification per stream per 50 ms, at most {@value #CAP} bytes
 * buffered per stream), {@code hotlsp/runEnded} after the run's last output, and with {@code
 * --output-to-log} the output as {@code window/logMessage} too. Thread-safe.
 */
public final class EditorRunEvents implements RunEvents {
  /** The most output bytes buffered per stream of a run between two notifications. */
  public static final int CAP = 64 * 1024;
  static final Duration INTERVAL = Duration.ofMillis(50);
  /** The crash-loop message's button. */
  static final String RUN_AGAIN = "Run again";

  private final EditorChannel editor;
  private final Log log;
  private final Scheduler scheduler;
  private final Clock clock;
  private final boolean outputToLog;
  private final Map<String, OutputBatcher> batchers = new ConcurrentHashMap<>();

  public EditorRunEvents(EditorChannel editor, Log log, Scheduler scheduler, Clock clock, boolean outputToLog) {
    this.editor = editor;
    this.log = log;
    this.scheduler = scheduler;
    this.clock = clock;
    this.outputToLog = outputToLog;
  }

  @Override
  public void started(RunStarted started) {
    log.info("run " + started.runId() + ": started " + started.target() + " (pid " + started.pid() + ", "
        + started.isolation().wireName() + ")");
    batcher(started.runId(), started.target());
    editor.notify("hotlsp/runStarted", RunMessages.started(started));
  }

  @Override
  public void output(String runId, String target, StdStream stream, byte[] bytes, int len) {
    batcher(runId, target).output(stream.name().toLowerCase(Locale.ROOT), bytes, len);
  }

  @Override
  public void ended(RunResult result) {
    var batcher = batchers.remove(result.runId());
    if (batcher != null) {
      batcher.finish();
    }
    log.info("run " + result.runId() + ": " + result.target() + " ended: " + RunMessages.summary(result));
    editor.notify("hotlsp/runEnded", RunMessages.ended(result));
    if (outputToLog) {
      logMessage(MessageType.Info, "[" + result.target() + "] " + RunMessages.summary(result));
    }
  }

  @Override
  public void warn(String message) {
    log.warn(message);
    editor.showMessage(2, message);
  }

  /** A {@code window/showMessageRequest} with a {@value #RUN_AGAIN} button, which restarts the target. */
  @Override
  public void crashLoop(String target, String message, Runnable runAgain) {
    log.warn(message);
    var params = new ShowMessageRequestParams(List.of(new MessageActionItem(RUN_AGAIN)));
    params.setType(MessageType.Warning);
    params.setMessage(message);
    editor.request("window/showMessageRequest", LspValues.toJson(params)).thenAccept(response -> {
      var result = response.get("result");
      if (result != null && result.isJsonObject() && result.getAsJsonObject().has("title")
          && RUN_AGAIN.equals(result.getAsJsonObject().get("title").getAsString())) {
        log.info(target + ": run again, as the user asked");
        runAgain.run();
      }
    });
  }

  /** Bytes buffered for the editor now, over every run (a flood keeps this bounded). */
  public long queuedBytes() {
    return batchers.values().stream().mapToLong(OutputBatcher::queuedBytes).sum();
  }

  private OutputBatcher batcher(String runId, String target) {
    return batchers.computeIfAbsent(runId, id -> new OutputBatcher((stream, text, dropped) -> {
      editor.notify("hotlsp/output", RunMessages.output(id, target, stream, text, dropped));
      if (outputToLog) {
        var note = dropped > 0 ? "[hotlsp: " + dropped + " bytes of output dropped]\n" : "";
        logMessage(MessageType.Log, "[" + target + " " + stream + "] " + note + text);
      }
    }, scheduler, clock, INTERVAL, CAP));
  }

  private void logMessage(MessageType type, String text) {
    editor.notify("window/logMessage", LspValues.toJson(new MessageParams(type, text)));
  }
}
