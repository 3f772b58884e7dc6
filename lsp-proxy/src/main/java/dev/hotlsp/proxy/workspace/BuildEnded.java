package dev.hotlsp.proxy.workspace;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.build.BuildResult;

/** The params of HotLSP's {@code hotlsp/buildEnded} notification (docs/lsp-extensions.md). */
final class BuildEnded {
  private BuildEnded() {}

  static JsonObject params(BuildResult result) {
    var p = new JsonObject();
    p.addProperty("target", result.target());
    p.addProperty("ok", result.ok());
    p.addProperty("durationMs", result.duration().toMillis());
    p.addProperty("binaryChanged", result.binaryChanged());
    p.addProperty("reason", result.reason());
    p.addProperty("binary", result.binary().toString());
    p.addProperty("errors", result.errors().size());
    return p;
  }
}
