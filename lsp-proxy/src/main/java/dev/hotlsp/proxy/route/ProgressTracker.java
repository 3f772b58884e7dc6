package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks the work-done progress tokens gopls has begun and not ended, per generation, so a dead
 * gopls's spinners can be ended for the editor and headless runs can tell when gopls is busy.
 * Thread-safe.
 */
public final class ProgressTracker {
  private final Map<String, Active> active = new HashMap<>();

  private record Active(JsonElement token, int generation) {}

  /** Records a {@code $/progress} notification's params from generation {@code gen}. */
  public synchronized void observe(JsonObject params, int gen) {
    var token = params.get("token");
    var value = params.get("value");
    if (token == null || value == null || !value.isJsonObject()) {
      return;
    }
    var kind = value.getAsJsonObject().get("kind");
    String key = token.toString();
    if (kind != null && "begin".equals(kind.getAsString())) {
      active.put(key, new Active(token, gen));
    } else if (kind != null && "end".equals(kind.getAsString())) {
      active.remove(key);
    }
  }

  /** Removes and returns the tokens still active from generation {@code gen}. */
  public synchronized List<JsonElement> endAll(int gen) {
    var ended = new ArrayList<JsonElement>();
    active.values().removeIf(a -> {
      if (a.generation() == gen) {
        ended.add(a.token());
        return true;
      }
      return false;
    });
    return ended;
  }

  public synchronized boolean busy() {
    return !active.isEmpty();
  }
}
