package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/**
 * Requests HotLSP answers itself by method (not {@code workspace/executeCommand}): the web
 * session's file requests. A failure that is a {@code ResponseErrorException} keeps its code.
 */
public interface EditorRequests {
  /** None: every request goes to gopls. */
  EditorRequests NONE = new EditorRequests() {
    @Override
    public boolean handles(String method) {
      return false;
    }

    @Override
    public CompletableFuture<JsonElement> handle(String method, JsonObject params) {
      throw new IllegalStateException("no request " + method);
    }
  };

  boolean handles(String method);

  /** Answers {@code method}; called on the editor's reader thread, so a request done here is done before the next message is read. */
  CompletableFuture<JsonElement> handle(String method, JsonObject params);
}
