package dev.hotlsp.proxy.session;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * One message to send to a fresh gopls to bring it to the editor's current session state; each item
 * owns a private copy of its params.
 */
public sealed interface Replay {
  /** The LSP method name, e.g. {@code textDocument/didOpen}. */
  String method();

  /** A fresh copy of the params, safe to mutate. */
  JsonObject params();

  /** A request: the sender assigns the id and consumes the response. */
  record Request(String method, JsonObject params) implements Replay {
    public Request {
      Objects.requireNonNull(method, "method");
      params = params.deepCopy();
    }

    @Override
    public JsonObject params() {
      return params.deepCopy();
    }
  }

  /** A notification: sent without an id, no response. */
  record Notification(String method, JsonObject params) implements Replay {
    public Notification {
      Objects.requireNonNull(method, "method");
      params = params.deepCopy();
    }

    @Override
    public JsonObject params() {
      return params.deepCopy();
    }
  }
}
