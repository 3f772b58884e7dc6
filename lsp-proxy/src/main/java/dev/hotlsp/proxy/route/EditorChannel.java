package dev.hotlsp.proxy.route;

import dev.hotlsp.proxy.wire.Peer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.wire.Envelope;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.LspValues;
import dev.hotlsp.proxy.wire.Messages;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import java.util.concurrent.CompletableFuture;

/**
 * The editor side: sends frames to the editor, keeps the editor's id space for requests sent to
 * it (relayed from gopls, or HotLSP's own), and routes the editor's responses back. HotLSP's own
 * notifications and requests to the editor go through here. Thread-safe.
 */
public final class EditorChannel {
  /** Handles the editor's answer to a request that gopls sent. */
  @FunctionalInterface
  public interface GoplsReply {
    void deliver(Pending pending, Frame frame, Envelope env);
  }

  private final Peer editor;
  private final PendingRequests toEditor = new PendingRequests();

  public EditorChannel(Peer editor) {
    this.editor = editor;
  }

  public void send(Frame frame) {
    editor.send(frame);
  }

  /** Relays a request gopls (generation {@code gen}) sent to the editor. */
  void relayRequest(Frame frame, Envelope env, int gen) {
    relayRequest(frame, env, gen, wire -> { });
  }

  /**
   * {@link #relayRequest(Frame, Envelope, int)}, telling {@code beforeSend} the editor's id before the
   * request leaves, so whatever the answer needs is recorded before the answer can arrive.
   */
  void relayRequest(Frame frame, Envelope env, int gen, java.util.function.Consumer<JsonElement> beforeSend) {
    var wire = toEditor.relay(Origin.GOPLS, env.id(), env.method(), gen);
    beforeSend.accept(wire);
    editor.send(Messages.withId(frame, env.id(), wire));
  }

  /** Translates gopls's {@code $/cancelRequest} into the editor's id space; drops unknown ids. */
  void cancelFromGopls(JsonObject params) {
    toEditor.wireIdOf(Origin.GOPLS, params.get("id")).ifPresent(wire -> {
      var p = params.deepCopy();
      p.add("id", wire);
      editor.send(Messages.frame(Messages.notification("$/cancelRequest", p)));
    });
  }

  /** Routes a response from the editor: to its waiting HotLSP future, or to {@code goplsReply}. */
  void onResponse(Frame frame, Envelope env, GoplsReply goplsReply) {
    var pending = toEditor.complete(env.id());
    if (pending.isEmpty()) {
      return; // an answer to nothing we asked (or "id": null): nothing to route
    }
    var p = pending.get();
    if (p.origin() == Origin.PROXY) {
      p.reply().complete(Messages.parse(frame));
    } else {
      goplsReply.deliver(p, frame, env);
    }
  }

  /** Sends a request HotLSP originates; completes with the editor's whole response message. */
  public CompletableFuture<JsonObject> request(String method, JsonElement params) {
    var pending = toEditor.own(method, 0);
    editor.send(Messages.frame(Messages.request(pending.wireId(), method, params)));
    return pending.reply();
  }

  public void notify(String method, JsonElement params) {
    editor.send(Messages.frame(Messages.notification(method, params)));
  }

  /** {@code window/showMessage}; type 1 error, 2 warning, 3 info. */
  public void showMessage(int type, String message) {
    notify("window/showMessage", LspValues.toJson(new MessageParams(MessageType.forValue(type), message)));
  }
}
