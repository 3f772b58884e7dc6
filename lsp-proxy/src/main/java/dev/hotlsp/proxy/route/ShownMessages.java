package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.wire.IdKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The messages gopls has shown the editor ({@code window/showMessage} and
 * {@code window/showMessageRequest}, by type and text) and the editor's answers to the requests.
 * A restarted gopls repeats its start-up messages; while it replays, those the editor has already
 * been shown are not shown again, and a repeated request is answered with the editor's earlier
 * answer (null, "no action", if it gave none). Thread-safe.
 */
final class ShownMessages {
  /** A message as the user sees it. */
  record Key(int type, String text) {
    static Key of(JsonObject params) {
      var type = params.get("type");
      var text = params.get("message");
      return new Key(type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isNumber() ? type.getAsInt() : 0,
          text != null && text.isJsonPrimitive() ? text.getAsString() : String.valueOf(text));
    }
  }

  private final Set<Key> shown = new HashSet<>();
  private final Map<IdKey, Key> asked = new HashMap<>();
  private final Map<Key, JsonElement> answers = new HashMap<>();

  /**
   * Decides whether a message goes to the editor: always, unless {@code replaying} and the editor
   * has already been shown it. Records it as shown when it goes.
   */
  synchronized boolean show(Key key, boolean replaying) {
    return shown.add(key) || !replaying;
  }

  /** The editor got request {@code editorId} showing {@code key}. */
  synchronized void asked(IdKey editorId, Key key) {
    asked.put(editorId, key);
  }

  /** The editor answered request {@code editorId}; {@code result} is null for an error answer. */
  synchronized void answered(IdKey editorId, JsonElement result) {
    var key = asked.remove(editorId);
    if (key != null) {
      answers.put(key, result == null ? JsonNull.INSTANCE : result.deepCopy());
    }
  }

  /** What the editor answered when it was last asked {@code key}; null (no action) if it never did. */
  synchronized JsonElement answer(Key key) {
    var answer = answers.get(key);
    return answer == null ? JsonNull.INSTANCE : answer.deepCopy();
  }
}
