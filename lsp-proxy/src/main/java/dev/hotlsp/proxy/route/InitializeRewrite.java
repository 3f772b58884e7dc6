package dev.hotlsp.proxy.route;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites gopls's {@code initialize} result for the editor: HotLSP's commands join gopls's in
 * {@code executeCommandProvider}, and {@code serverInfo} names HotLSP and the gopls version. Pure.
 */
public final class InitializeRewrite {
  private InitializeRewrite() {}

  /** Returns a rewritten copy of the whole response message {@code response}. */
  public static JsonObject rewrite(JsonObject response, List<String> commands, String hotlspVersion) {
    var out = response.deepCopy();
    if (!out.has("result") || !out.get("result").isJsonObject()) {
      return out;
    }
    var result = out.getAsJsonObject("result");
    var capabilities = objectMember(result, "capabilities");
    var provider = objectMember(capabilities, "executeCommandProvider");
    var existing = provider.has("commands") && provider.get("commands").isJsonArray()
        ? provider.getAsJsonArray("commands")
        : new JsonArray();
    for (var command : commands) {
      if (!existing.contains(new com.google.gson.JsonPrimitive(command))) {
        existing.add(command);
      }
    }
    provider.add("commands", existing);
    var serverInfo = new JsonObject();
    serverInfo.addProperty("name", "HotLSP");
    serverInfo.addProperty(
        "version", hotlspVersion + goplsVersion(result).map(v -> " (gopls " + v + ")").orElse(""));
    result.add("serverInfo", serverInfo);
    return out;
  }

  /**
   * The gopls version named in an initialize result's {@code serverInfo}: gopls puts a JSON
   * document of its build info there; other servers a plain string.
   */
  public static Optional<String> goplsVersion(JsonObject result) {
    if (!result.has("serverInfo") || !result.get("serverInfo").isJsonObject()) {
      return Optional.empty();
    }
    var info = result.getAsJsonObject("serverInfo");
    var version = info.has("version") && info.get("version").isJsonPrimitive()
        ? info.get("version").getAsString()
        : "";
    if (version.startsWith("{")) {
      try {
        var build = JsonParser.parseString(version).getAsJsonObject();
        return text(build, "Version").or(() -> build.has("Main") && build.get("Main").isJsonObject()
            ? text(build.getAsJsonObject("Main"), "Version")
            : Optional.empty());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return version.isEmpty() ? Optional.empty() : Optional.of(version);
  }

  private static Optional<String> text(JsonObject o, String member) {
    JsonElement e = o.get(member);
    return e != null && e.isJsonPrimitive() && !e.getAsString().isEmpty()
        ? Optional.of(e.getAsString())
        : Optional.empty();
  }

  private static JsonObject objectMember(JsonObject parent, String name) {
    if (parent.has(name) && parent.get(name).isJsonObject()) {
      return parent.getAsJsonObject(name);
    }
    var created = new JsonObject();
    parent.add(name, created);
    return created;
  }
}
