package dev.hotlsp.proxy.workspace;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Router;
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
    var create = new JsonObject();
    create.addProperty("token", token);
    var begun = editor.request("window/workDoneProgress/create", create).thenApply(reply -> {
      var value = new JsonObject();
      value.addProperty("kind", "begin");
      value.addProperty("title", "Building " + started.target());
      value.addProperty("message", started.reason());
      send(token, value);
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
      var value = new JsonObject();
      value.addProperty("kind", "end");
      value.addProperty("message", message);
      send(t, value);
    });
  }

  private void send(String token, JsonObject value) {
    var params = new JsonObject();
    params.addProperty("token", token);
    params.add("value", value);
    editor.notify("$/progress", params);
  }
}
