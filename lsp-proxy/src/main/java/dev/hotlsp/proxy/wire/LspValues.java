package dev.hotlsp.proxy.wire;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

/**
 * Serialises the LSP4J types of messages HotLSP creates itself (diagnostics, progress, messages to
 * the user) with LSP4J's own type adapters. Forwarded messages never pass through here.
 * Thread-safe.
 */
public final class LspValues {
  private static final Gson GSON = new MessageJsonHandler(Map.of()).getGson();

  private LspValues() {}

  /** {@code value} (an LSP4J params or structure type) as JSON. */
  public static JsonElement toJson(Object value) {
    return GSON.toJsonTree(value);
  }
}
