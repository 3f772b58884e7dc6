package dev.hotlsp.proxy.harness;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The client capabilities the fake editor declares: those of a mainstream editor, with two switches. */
final class ClientCapabilities {
  private static final String BASE =
      """
      {
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {
          "applyEdit": true,
          "workspaceEdit": {"documentChanges": true},
          "configuration": true,
          "workspaceFolders": true,
          "didChangeConfiguration": {"dynamicRegistration": false},
          "executeCommand": {"dynamicRegistration": false},
          "symbol": {"dynamicRegistration": false}
        },
        "textDocument": {
          "synchronization": {"dynamicRegistration": false, "didSave": true, "willSave": false, "willSaveWaitUntil": false},
          "publishDiagnostics": {"relatedInformation": true, "versionSupport": true, "tagSupport": {"valueSet": [1, 2]}},
          "hover": {"contentFormat": ["markdown", "plaintext"]},
          "completion": {
            "contextSupport": true,
            "completionItem": {"snippetSupport": false, "documentationFormat": ["markdown", "plaintext"]}
          },
          "definition": {"linkSupport": false},
          "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
          "rename": {"prepareSupport": true},
          "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}}
        },
        "window": {"showMessage": {}, "showDocument": {"support": false}}
      }
      """;

  private ClientCapabilities() {}

  static JsonObject of(EditorConfig config) {
    var caps = JsonParser.parseString(BASE).getAsJsonObject();
    var watched = new JsonObject();
    watched.addProperty("dynamicRegistration", config.watchedFilesRegistration());
    watched.addProperty("relativePatternSupport", true);
    caps.getAsJsonObject("workspace").add("didChangeWatchedFiles", watched);
    caps.getAsJsonObject("window").addProperty("workDoneProgress", config.workDoneProgress());
    return caps;
  }

  /** {@code [{}, {}, ...]}-style answer to workspace/configuration: the settings once per item. */
  static JsonArray configurationAnswer(EditorConfig config, int items) {
    var answer = new JsonArray();
    for (int i = 0; i < items; i++) {
      answer.add(config.settings());
    }
    return answer;
  }
}
