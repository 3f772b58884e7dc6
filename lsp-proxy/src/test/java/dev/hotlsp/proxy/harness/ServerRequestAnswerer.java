package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers the requests a server sends to the editor as a mainstream editor does: settings for
 * {@code workspace/configuration}, null for registrations and progress creation, the configured button or null for a message request, and edits
 * applied to the editor's buffers for {@code workspace/applyEdit}.
 */
final class ServerRequestAnswerer implements Function<LoggedMessage, JsonElement> {
  private static final int METHOD_NOT_FOUND = -32601;

  private final EditorConfig config;
  private final Function<JsonObject, Optional<String>> applyEdit;

  /** @param applyEdit applies a WorkspaceEdit and returns why it failed, or empty on success */
  ServerRequestAnswerer(EditorConfig config, Function<JsonObject, Optional<String>> applyEdit) {
    this.config = config;
    this.applyEdit = applyEdit;
  }

  @Override
  public JsonElement apply(LoggedMessage request) {
    var params = request.params();
    return switch (request.method()) {
      case "workspace/configuration" ->
          ClientCapabilities.configurationAnswer(config, params.getAsJsonArray("items").size());
      case "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create" ->
          JsonNull.INSTANCE;
      case "window/showMessageRequest" -> button(params);
      case "workspace/applyEdit" -> applied(applyEdit.apply(params.getAsJsonObject("edit")));
      default -> throw new LspError(request.method(), METHOD_NOT_FOUND, "fake editor does not handle " + request.method());
    };
  }

  /** The configured button if the request offers it, else null (the message dismissed). */
  private JsonElement button(JsonObject params) {
    var actions = params.getAsJsonArray("actions");
    if (actions == null || config.messageButton().isEmpty()) {
      return JsonNull.INSTANCE;
    }
    for (var action : actions) {
      if (action.getAsJsonObject().get("title").getAsString().equals(config.messageButton())) {
        return action;
      }
    }
    return JsonNull.INSTANCE;
  }

  private static JsonObject applied(Optional<String> failure) {
    var result = new JsonObject();
    result.addProperty("applied", failure.isEmpty());
    failure.ifPresent(reason -> result.addProperty("failureReason", reason));
    return result;
  }
}
