package dev.hotlsp.proxy.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
    assertTrue(union.showsOnlyGopls("u"));
    var both = union.update("go build", "u", diags("b1"), 0, null);
    assertEquals(2, both.getAsJsonArray("diagnostics").size());
    assertEquals(4, both.get("version").getAsInt(), "gopls's other members are kept");
    assertFalse(union.showsOnlyGopls("u"));
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

  /** A diagnostic as gopls or go build sends it (texts from both on test-workspaces/typeerror). */
  private static JsonObject at(int line, int start, int end, String message, String source) {
    return JsonParser.parseString("{\"range\":{\"start\":{\"line\":" + line + ",\"character\":" + start
        + "},\"end\":{\"line\":" + line + ",\"character\":" + end + "}},\"severity\":1,\"source\":\""
        + source + "\",\"message\":" + new JsonPrimitive(message) + "}").getAsJsonObject();
  }

  private static JsonArray list(JsonObject... diagnostics) {
    var a = new JsonArray();
    for (var d : diagnostics) {
      a.add(d);
    }
    return a;
  }

  private static final String TYPE_ERROR = "cannot use \"three\" (untyped string constant) as int value in assignment";

  @Test
  void aProblemGoplsAndTheBuildBothReportIsShownOnceAndEitherSidesClearingStillWorks() {
    var union = new DiagnosticsUnion();
    var fromGopls = at(7, 9, 16, TYPE_ERROR, "compiler");
    var fromBuild = at(7, 9, 10, TYPE_ERROR, "go build");
    var linkError = at(2, 0, 1, "relocation target main.missing not defined", "go build");
    union.update("gopls", "u", list(fromGopls), 1, null);
    var merged = union.update("go build", "u", list(fromBuild), 0, null);
    assertEquals(list(fromGopls), merged.getAsJsonArray("diagnostics"), "the build's copy is left out");
    assertTrue(union.showsOnlyGopls("u"));
    assertEquals(list(fromGopls), union.snapshot().get("u"));

    merged = union.update("go build", "u", list(fromBuild, linkError), 0, null);
    assertEquals(list(linkError, fromGopls), merged.getAsJsonArray("diagnostics"), "what gopls lacks is shown");
    assertFalse(union.showsOnlyGopls("u"));

    merged = union.update("gopls", "u", new JsonArray(), 1, null);
    assertEquals(list(fromBuild, linkError), merged.getAsJsonArray("diagnostics"), "gopls cleared: the build's shows");
    merged = union.update("gopls", "u", list(fromGopls), 1, null);
    merged = union.update("go build", "u", new JsonArray(), 0, null);
    assertEquals(list(fromGopls), merged.getAsJsonArray("diagnostics"), "the build cleared: gopls's stays");
  }

  @Test
  void sameProblemMeansSameStartLineAndSameNormalisedMessage() {
    assertTrue(SameProblem.test(at(7, 9, 16, TYPE_ERROR, "compiler"),
        at(7, 9, 10, "Cannot use \"three\"  (untyped string constant)\n\tas int value in assignment.", "go build")));
    // go build's continuation lines lose their tab (BuildErrorParser); gopls keeps it
    assertTrue(SameProblem.test(at(12, 9, 10, "too many return values\n\thave (number)\n\twant ()", "compiler"),
        at(12, 9, 10, "too many return values\nhave (number)\nwant ()", "go build")));
    assertFalse(SameProblem.test(at(7, 9, 16, TYPE_ERROR, "compiler"), at(8, 9, 10, TYPE_ERROR, "go build")));
    assertFalse(SameProblem.test(at(7, 9, 16, TYPE_ERROR, "compiler"),
        at(7, 9, 10, "declared and not used: count", "go build")));
    assertFalse(SameProblem.test(diags("x").get(0), diags("x").get(0)), "no range: never the same");
  }
}
