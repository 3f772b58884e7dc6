package dev.hotlsp.proxy.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class DiagnosticsUnionTest {
  private static JsonArray diags(String... messages) {
    var a = new JsonArray();
    for (var m : messages) {
      a.add(JsonParser.parseString("{\"message\":\"" + m + "\"}"));
    }
    return a;
  }

  @Test
  void eachSourceReplacesOnlyItsOwnAndClearingOneKeepsTheOther() {
    var union = new DiagnosticsUnion();
    var params = JsonParser.parseString("{\"uri\":\"u\",\"version\":4,\"diagnostics\":[]}").getAsJsonObject();
    union.update("gopls", "u", diags("g1"), 1, params);
    assertTrue(union.onlySource("u", "gopls"));
    var both = union.update("go build", "u", diags("b1"), 0, null);
    assertEquals(2, both.getAsJsonArray("diagnostics").size());
    assertEquals(4, both.get("version").getAsInt(), "gopls's other members are kept");
    assertFalse(union.onlySource("u", "gopls"));
    var goplsCleared = union.update("gopls", "u", new JsonArray(), 1, params);
    assertEquals(diags("b1"), goplsCleared.getAsJsonArray("diagnostics"));
    var allCleared = union.update("go build", "u", new JsonArray(), 0, null);
    assertEquals(0, allCleared.getAsJsonArray("diagnostics").size());
    assertTrue(union.snapshot().isEmpty());
  }

  @Test
  void staleUrisAreThoseOnlyAnOlderGenerationPublished() {
    var union = new DiagnosticsUnion();
    union.update("gopls", "old", diags("x"), 1, null);
    union.update("gopls", "fresh", diags("y"), 2, null);
    assertEquals(java.util.List.of("old"), union.staleGoplsUris(2));
  }
}
