package dev.hotlsp.proxy.workspace;

import dev.hotlsp.bridge.build.BuildListener;
import dev.hotlsp.bridge.build.BuildResult;
import dev.hotlsp.bridge.build.BuildStarted;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.route.Router;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shows the rebuild loop's work in the editor: a work-done progress per build (when the editor
 * supports it), compiler and linker errors as diagnostics merged with gopls's, and a
 * {@code hotlsp/buildEnded} notification. Called on the rebuild loop's thread.
 */
final class BuildReporter implements BuildListener {
  private final EditorChannel editor;
  private final Router router;
  private final Log log;
  private final Consumer<BuildResult> results;
  private final BuildDiagnostics diagnostics = new BuildDiagnostics();
  private final WorkDoneProgress progress;
  private final Map<String, WorkDoneProgress.Shown> shown = new HashMap<>();

  /** @param results also receives every result (the runner of a later step subscribes here) */
  BuildReporter(EditorChannel editor, Router router, boolean progressSupported, Log log, Consumer<BuildResult> results) {
    this.editor = editor;
    this.router = router;
    this.progress = new WorkDoneProgress(editor, progressSupported, "hotlsp/build/");
    this.log = log;
    this.results = results;
  }

  @Override
  public void buildStarted(BuildStarted started) {
    log.info("building " + started.target() + " (" + started.reason() + ")");
    var begun = progress.begin("Building " + started.target(), started.reason());
    if (begun == null) {
      return;
    }
    var previous = shown.put(started.target(), begun);
    if (previous != null) {
      previous.end("superseded by a newer change");
    }
  }

  @Override
  public void buildFinished(BuildResult result) {
    log.info("built " + result.target() + ": " + (result.ok() ? "ok" : result.errors().size() + " error(s)")
        + " in " + result.duration().toMillis() + " ms, binary " + (result.binaryChanged() ? "changed" : "unchanged"));
    diagnostics.record(result).forEach((uri, list) -> router.diagnostics().publish(BuildDiagnostics.SOURCE, uri, list));
    var begun = shown.remove(result.target());
    if (begun != null) {
      begun.end(result.ok() ? "done" : "failed");
    }
    editor.notify("hotlsp/buildEnded", BuildEnded.params(result));
    results.accept(result);
  }
}
