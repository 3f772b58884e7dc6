package dev.hotlsp.proxy.workspace;

import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Router;
import dev.hotlsp.proxy.wire.LspValues;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Shows the rebuild loop's work in the editor: a work-done progress per build (when the editor
 * supports it), compiler and linker errors as diagnostics merged with gopls's, and a
 * {@code hotlsp/buildEnded} notification. Called on the rebuild loop's thread.
 */
final class BuildReporter implements BuildListener {
  private final EditorChannel editor;
  private final Router router;
  private final boolean progressSupported;
  private final Log log;
  private final Consumer<BuildResult> results;
  private final BuildDiagnostics diagnostics = new BuildDiagnostics();
  private final Map<String, CompletableFuture<String>> progress = new HashMap<>();
  private final AtomicLong tokens = new AtomicLong();

  /** @param results also receives every result (the runner of a later step subscribes here) */
  BuildReporter(EditorChannel editor, Router router, boolean progressSupported, Log log, Consumer<BuildResult> results) {
    this.editor = editor;
    this.router = router;
    this.progressSupported = progressSupported;
    this.log = log;
    this.results = results;
  }

  @Override
  public void buildStarted(BuildStarted started) {
    log.info("building " + started.target() + " (" + started.reason() + ")");
    if (!progressSupported) {
      return;
    }
    var token = "hotlsp/build/" + tokens.incrementAndGet();
    var create = new WorkDoneProgressCreateParams(Either.forLeft(token));
    var begun = editor.request("window/workDoneProgress/create", LspValues.toJson(create)).thenApply(reply -> {
      var begin = new WorkDoneProgressBegin();
      begin.setTitle("Building " + started.target());
      begin.setMessage(started.reason());
      send(token, begin);
      return token;
    });
    var previous = progress.put(started.target(), begun);
    if (previous != null) {
      end(previous, "superseded by a newer change");
    }
  }

  @Override
  public void buildFinished(BuildResult result) {
    log.info("built " + result.target() + ": " + (result.ok() ? "ok" : result.errors().size() + " error(s)")
        + " in " + result.duration().toMillis() + " ms, binary " + (result.binaryChanged() ? "changed" : "unchanged"));
    diagnostics.record(result).forEach((uri, list) -> router.diagnostics().publish(BuildDiagnostics.SOURCE, uri, list));
    var token = progress.remove(result.target());
    if (token != null) {
      end(token, result.ok() ? "done" : "failed");
    }
    editor.notify("hotlsp/buildEnded", BuildEnded.params(result));
    results.accept(result);
  }

  private void end(CompletableFuture<String> token, String message) {
    token.thenAccept(t -> {
      var end = new WorkDoneProgressEnd();
      end.setMessage(message);
      send(t, end);
    });
  }

  private void send(String token, WorkDoneProgressNotification value) {
    editor.notify("$/progress", LspValues.toJson(new ProgressParams(Either.forLeft(token), Either.forLeft(value))));
  }
}
