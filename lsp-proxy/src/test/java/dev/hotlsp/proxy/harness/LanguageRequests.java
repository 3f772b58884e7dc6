package dev.hotlsp.proxy.harness;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The language requests a test sends through a {@link FakeEditor}, each returning the server's
 * JSON result (rename also applies its edit to the buffers, as an editor does).
 */
public final class LanguageRequests {
  private final FakeEditor editor;

  LanguageRequests(FakeEditor editor) {
    this.editor = editor;
  }

  public JsonElement hover(String path, Pos pos) throws InterruptedException {
    return atPosition("textDocument/hover", path, pos);
  }

  public JsonElement definition(String path, Pos pos) throws InterruptedException {
    return atPosition("textDocument/definition", path, pos);
  }

  /** A {@code CompletionList} or an array of items, as the server chose. */
  public JsonElement completion(String path, Pos pos) throws InterruptedException {
    return atPosition("textDocument/completion", path, pos);
  }

  public JsonElement documentSymbol(String path) throws InterruptedException {
    var params = new JsonObject();
    params.add("textDocument", Documents.identifier(editor.buffer(path).uri()));
    return editor.call("textDocument/documentSymbol", params);
  }

  /** Renames the symbol at {@code pos} and applies the returned edit; fails if it does not apply. */
  public JsonObject rename(String path, Pos pos, String newName) throws InterruptedException {
    var params = positionParams(path, pos);
    params.addProperty("newName", newName);
    var edit = editor.call("textDocument/rename", params).getAsJsonObject();
    var failure = editor.documents().applyWorkspaceEdit(edit);
    if (failure.isPresent()) {
      throw new AssertionError("rename edit not applicable: " + failure.get() + "\n" + edit);
    }
    return edit;
  }

  /** {@code workspace/executeCommand} with the given arguments. */
  public JsonElement executeCommand(String command, JsonElement... arguments) throws InterruptedException {
    var params = new JsonObject();
    params.addProperty("command", command);
    var args = new JsonArray();
    for (var a : arguments) {
      args.add(a);
    }
    params.add("arguments", args);
    return editor.call("workspace/executeCommand", params);
  }

  /** Any {@code textDocument/*} request whose params are a document and a position. */
  public JsonElement atPosition(String method, String path, Pos pos) throws InterruptedException {
    return editor.call(method, positionParams(path, pos));
  }

  private JsonObject positionParams(String path, Pos pos) {
    var params = new JsonObject();
    params.add("textDocument", Documents.identifier(editor.buffer(path).uri()));
    params.add("position", pos.toJson());
    return params;
  }
}
