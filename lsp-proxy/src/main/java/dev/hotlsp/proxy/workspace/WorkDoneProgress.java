package dev.hotlsp.proxy.workspace;

import dev.hotlsp.proxy.route.EditorChannel;
import dev.hotlsp.proxy.wire.LspValues;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * HotLSP's own server-initiated work-done progress ({@code window/workDoneProgress/create}, then
 * {@code $/progress} begin, reports, end), for the builds and the test runs; nothing when the
 * editor does not support it. Thread-safe.
 */
public final class WorkDoneProgress {
  /** One progress shown in the editor; its notifications follow the editor's answer to create. */
  public static final class Shown {
    private final WorkDoneProgress owner;
    private final CompletableFuture<String> token;

    private Shown(WorkDoneProgress owner, CompletableFuture<String> token) {
      this.owner = owner;
      this.token = token;
    }

    /** A report: what goes on now. */
    public void report(String message) {
      token.thenAccept(t -> {
        var report = new WorkDoneProgressReport();
        report.setMessage(message);
        owner.send(t, report);
      });
    }

    /** The end, with a last message. */
    public void end(String message) {
      token.thenAccept(t -> {
        var end = new WorkDoneProgressEnd();
        end.setMessage(message);
        owner.send(t, end);
      });
    }
  }

  private final EditorChannel editor;
  private final boolean supported;
  private final String prefix;
  private final AtomicLong tokens = new AtomicLong();

  /** @param prefix the tokens' prefix ({@code hotlsp/build/}): token = prefix + a counter */
  public WorkDoneProgress(EditorChannel editor, boolean supported, String prefix) {
    this.editor = editor;
    this.supported = supported;
    this.prefix = prefix;
  }

  /** Begins a progress titled {@code title}; null when the editor does not support progress. */
  public Shown begin(String title, String message) {
    if (!supported) {
      return null;
    }
    var token = prefix + tokens.incrementAndGet();
    var create = new WorkDoneProgressCreateParams(Either.forLeft(token));
    var begun = editor.request("window/workDoneProgress/create", LspValues.toJson(create)).thenApply(reply -> {
      var begin = new WorkDoneProgressBegin();
      begin.setTitle(title);
      begin.setMessage(message);
      send(token, begin);
      return token;
    });
    return new Shown(this, begun);
  }

  private void send(String token, WorkDoneProgressNotification value) {
    editor.notify("$/progress", LspValues.toJson(new ProgressParams(Either.forLeft(token), Either.forLeft(value))));
  }
}
