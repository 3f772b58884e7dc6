package dev.hotlsp.proxy.harness;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The {@code initialize} params the fake editor sends: process id, clientInfo, root and one workspace folder. */
final class InitializeParams {
  private InitializeParams() {}

  static JsonObject of(EditorConfig config, Sandbox sandbox) {
    var params = new JsonObject();
    params.addProperty("processId", ProcessHandle.current().pid());
    var info = new JsonObject();
    info.addProperty("name", config.clientName());
    info.addProperty("version", config.clientVersion());
    params.add("clientInfo", info);
    params.addProperty("locale", "en");
    params.addProperty("rootUri", sandbox.rootUri());
    params.addProperty("rootPath", sandbox.root().toString());
    var folder = new JsonObject();
    folder.addProperty("uri", sandbox.rootUri());
    folder.addProperty("name", sandbox.root().getFileName().toString());
    var folders = new JsonArray();
    folders.add(folder);
    params.add("workspaceFolders", folders);
    params.add("capabilities", ClientCapabilities.of(config));
    params.add("initializationOptions", config.settings());
    params.addProperty("trace", "off");
    return params;
  }
}
