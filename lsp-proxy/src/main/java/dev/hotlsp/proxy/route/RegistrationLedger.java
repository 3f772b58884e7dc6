package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.Messages;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The capabilities gopls registered with the editor ({@code client/registerCapability}). A
 * restarted gopls registers the same things again; the editor already holds them, so those are
 * answered by HotLSP and not forwarded, and a later unregistration is translated to the id the
 * editor holds. Registrations are compared as values ({@link RegistrationKey}), not as text.
 * Thread-safe.
 */
public final class RegistrationLedger {
  private record Held(String editorId, int generation, String method) {}

  private final Map<RegistrationKey, Held> byKey = new HashMap<>();
  private final Map<String, String> editorIdByGoplsId = new HashMap<>();

  /**
   * Filters a register or unregister request from gopls generation {@code gen}. Returns the frame
   * to forward (possibly rewritten), or empty when the editor already holds everything in it.
   */
  public synchronized Optional<Frame> filter(String method, JsonObject message, int gen) {
    var params = message.has("params") && message.get("params").isJsonObject()
        ? message.getAsJsonObject("params") : new JsonObject();
    boolean register = method.equals("client/registerCapability");
    String listName = register ? "registrations" : "unregisterations";
    if (!params.has(listName) || !params.get(listName).isJsonArray()) {
      return Optional.of(Messages.frame(message));
    }
    var kept = new JsonArray();
    boolean changed = false;
    for (JsonElement e : params.getAsJsonArray(listName)) {
      if (!e.isJsonObject()) {
        kept.add(e);
        continue;
      }
      var item = e.getAsJsonObject();
      String id = text(item, "id");
      if (register) {
        var key = RegistrationKey.of(text(item, "method"), item.get("registerOptions"));
        var held = byKey.get(key);
        if (held != null && held.generation() < gen) {
          editorIdByGoplsId.put(id, held.editorId());
          changed = true;
          continue;
        }
        byKey.put(key, new Held(id, gen, text(item, "method")));
        kept.add(item);
      } else {
        String editorId = editorIdByGoplsId.getOrDefault(id, id);
        editorIdByGoplsId.remove(id);
        byKey.values().removeIf(h -> h.editorId().equals(editorId));
        if (!editorId.equals(id)) {
          var copy = item.deepCopy();
          copy.addProperty("id", editorId);
          kept.add(copy);
          changed = true;
        } else {
          kept.add(item);
        }
      }
    }
    if (register && kept.isEmpty()) {
      return Optional.empty();
    }
    if (!changed) {
      return Optional.of(Messages.frame(message));
    }
    var copy = message.deepCopy();
    copy.getAsJsonObject("params").add(listName, kept);
    return Optional.of(Messages.frame(copy));
  }

  /** True when gopls holds a registration for {@code method} (e.g. workspace/didChangeWatchedFiles). */
  public synchronized boolean holds(String method) {
    return byKey.values().stream().anyMatch(h -> h.method().equals(method));
  }

  private static String text(JsonObject o, String member) {
    var e = o.get(member);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }
}
