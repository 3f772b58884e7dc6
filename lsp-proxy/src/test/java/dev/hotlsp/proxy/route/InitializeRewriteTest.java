package dev.hotlsp.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitializeRewriteTest {
  @Test
  void addsCommandsAndServerInfoAndKeepsEverythingElse() {
    var response = JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"capabilities\":{\"a\":null},"
        + "\"serverInfo\":{\"name\":\"gopls\",\"version\":\"v0.23.0\"}}}").getAsJsonObject();
    var out = InitializeRewrite.rewrite(response, List.of("hotlsp.restartGopls"), "0.1.0");
    var result = out.getAsJsonObject("result");
    assertTrue(result.getAsJsonObject("capabilities").get("a").isJsonNull());
    assertEquals("[\"hotlsp.restartGopls\"]",
        result.getAsJsonObject("capabilities").getAsJsonObject("executeCommandProvider").get("commands").toString());
    assertEquals("0.1.0 (gopls v0.23.0)", result.getAsJsonObject("serverInfo").get("version").getAsString());
    assertEquals("gopls", response.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name").getAsString(),
        "the input is not modified");
  }

  @Test
  void readsGoplsBuildInfoVersionsAndLeavesErrorsAlone() {
    var result = JsonParser.parseString("{\"serverInfo\":{\"version\":\"{\\\"Main\\\":{\\\"Version\\\":\\\"v0.23.0\\\"}}\"}}")
        .getAsJsonObject();
    assertEquals("v0.23.0", InitializeRewrite.goplsVersion(result).orElseThrow());
    var error = JsonParser.parseString("{\"id\":1,\"error\":{\"code\":-32603,\"message\":\"x\"}}").getAsJsonObject();
    assertEquals(error, InitializeRewrite.rewrite(error, List.of("c"), "1"));
  }
}
