package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.hotlsp.proxy.wire.Messages;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * HotLSP's own {@code workspace/executeCommand} commands ({@code hotlsp.*}), advertised in the
 * initialize result. Registered once at wiring time; immutable after.
 */
public final class Commands {
  private final Map<String, Function<JsonArray, CompletableFuture<JsonElement>>> handlers;

  private Commands(Map<String, Function<JsonArray, CompletableFuture<JsonElement>>> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  /** Builds the command table. */
  public static final class Builder {
    private final Map<String, Function<JsonArray, CompletableFuture<JsonElement>>> handlers = new LinkedHashMap<>();

    public Builder add(String name, Function<JsonArray, CompletableFuture<JsonElement>> handler) {
      handlers.put(name, handler);
      return this;
    }

    public Commands build() {
      return new Commands(handlers);
    }
  }

  public boolean handles(String command) {
    return handlers.containsKey(command);
  }

  public List<String> names() {
    return handlers.keySet().stream().sorted().toList();
  }

  /**
   * The error response for a failed command: a {@link ResponseErrorException}'s own code and
   * message (e.g. {@code -32602} for bad arguments), else {@code -32603} with the failure's message.
   */
  static com.google.gson.JsonObject error(JsonElement id, String command, Throwable failure) {
    var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof ResponseErrorException e) {
      return Messages.error(id, e.getResponseError().getCode(), e.getResponseError().getMessage());
    }
    return Messages.error(id, Messages.INTERNAL_ERROR, command + " failed: " + cause.getMessage());
  }

  public CompletableFuture<JsonElement> execute(String command, JsonArray arguments) {
    try {
      return handlers.get(command).apply(arguments);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
