package dev.hotlsp.proxy.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Pure functions over the list of workspace folders ({@code {uri, name}} objects as sent). */
final class WorkspaceFolders {
  private WorkspaceFolders() {}

  /**
   * The folders of {@code initialize} params: {@code workspaceFolders} if present and not null,
   * else one folder for {@code rootUri} if that is a string, else none.
   */
  static List<JsonObject> fromInitialize(JsonObject params) throws MalformedParamsException {
    JsonElement folders = params.get("workspaceFolders");
    if (folders != null && !folders.isJsonNull()) {
      return folderList(folders, "workspaceFolders");
    }
    JsonElement root = params.get("rootUri");
    if (root == null || root.isJsonNull()) {
      return List.of();
    }
    String uri = JsonParams.string(params, "rootUri", "");
    JsonObject folder = new JsonObject();
    folder.addProperty("uri", uri);
    folder.addProperty("name", lastSegment(uri));
    return List.of(folder);
  }

  /**
   * The folders after a {@code workspace/didChangeWorkspaceFolders} event: {@code removed} URIs go,
   * then each {@code added} folder replaces the folder with its URI or is appended.
   */
  static List<JsonObject> apply(List<JsonObject> current, JsonObject params)
      throws MalformedParamsException {
    JsonObject event = JsonParams.object(params, "event", "");
    List<JsonObject> removed = folderList(event.get("removed"), "event.removed");
    List<JsonObject> added = folderList(event.get("added"), "event.added");
    List<JsonObject> result = new ArrayList<>(current);
    for (JsonObject gone : removed) {
      result.removeIf(folder -> uri(folder).equals(uri(gone)));
    }
    for (JsonObject folder : added) {
      int at = indexOf(result, uri(folder));
      if (at >= 0) {
        result.set(at, folder);
      } else {
        result.add(folder);
      }
    }
    return List.copyOf(result);
  }

  static JsonArray toJson(List<JsonObject> folders) {
    JsonArray array = new JsonArray(folders.size());
    folders.forEach(folder -> array.add(folder.deepCopy()));
    return array;
  }

  private static List<JsonObject> folderList(JsonElement element, String path)
      throws MalformedParamsException {
    if (element == null || !element.isJsonArray()) {
      throw new MalformedParamsException(path, "expected an array of workspace folders");
    }
    List<JsonObject> folders = new ArrayList<>();
    JsonArray array = element.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw new MalformedParamsException(at, "expected a workspace folder object");
      }
      JsonObject folder = array.get(i).getAsJsonObject();
      JsonParams.string(folder, "uri", at + ".");
      folders.add(folder.deepCopy());
    }
    return List.copyOf(folders);
  }

  private static String uri(JsonObject folder) {
    return folder.get("uri").getAsString();
  }

  private static int indexOf(List<JsonObject> folders, String uri) {
    for (int i = 0; i < folders.size(); i++) {
      if (uri(folders.get(i)).equals(uri)) {
        return i;
      }
    }
    return -1;
  }

  private static String lastSegment(String uri) {
    String path;
    try {
      path = new URI(uri).getPath();
    } catch (URISyntaxException e) {
      path = null;
    }
    if (path == null) {
      path = uri;
    }
    String trimmed = path.replaceAll("/+$", "");
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return name.isEmpty() ? uri : name;
  }
}
