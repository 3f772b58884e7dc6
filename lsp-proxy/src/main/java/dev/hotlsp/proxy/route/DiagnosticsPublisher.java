package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.diagnostics.DiagnosticsUnion;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.Messages;
import java.time.Clock;
import java.time.Instant;

/**
 * Publishes the per-file union of diagnostics to the editor. Updating the union and sending its
 * result happen under one lock, so two sources publishing at once can never leave the editor with
 * an older union. gopls's message goes out unchanged while the union shows gopls's diagnostics only.
 */
public final class DiagnosticsPublisher {
  private final DiagnosticsUnion union;
  private final EditorChannel editor;
  private final Clock clock;
  private volatile Instant lastFromGopls = Instant.EPOCH;

  public DiagnosticsPublisher(DiagnosticsUnion union, EditorChannel editor, Clock clock) {
    this.union = union;
    this.editor = editor;
    this.clock = clock;
  }

  /** gopls (generation {@code generation}) published {@code params} in {@code frame}. */
  void fromGopls(Frame frame, JsonObject params, int generation) {
    lastFromGopls = clock.instant();
    var uri = params.has("uri") ? params.get("uri").getAsString() : "";
    var list = params.has("diagnostics") && params.get("diagnostics").isJsonArray()
        ? params.getAsJsonArray("diagnostics") : new JsonArray();
    synchronized (union) {
      var merged = union.update(DiagnosticsUnion.GOPLS, uri, list, generation, params);
      editor.send(union.showsOnlyGopls(uri) ? frame : publishFrame(merged));
    }
  }

  /** Replaces {@code source}'s diagnostics for {@code uri} and publishes the file's union. */
  public void publish(String source, String uri, JsonArray list) {
    synchronized (union) {
      editor.send(publishFrame(union.update(source, uri, list, 0, null)));
    }
  }

  /** Clears gopls diagnostics that only generations before {@code generation} published. */
  void clearStale(int generation) {
    for (var uri : union.staleGoplsUris(generation)) {
      publish(DiagnosticsUnion.GOPLS, uri, new JsonArray());
    }
  }

  /** When gopls last published diagnostics. */
  public Instant lastFromGopls() {
    return lastFromGopls;
  }

  /** Counts as a publication, for the quiet period after a restart. */
  void touch() {
    lastFromGopls = clock.instant();
  }

  private static Frame publishFrame(JsonObject params) {
    return Messages.frame(Messages.notification("textDocument/publishDiagnostics", params));
  }
}
