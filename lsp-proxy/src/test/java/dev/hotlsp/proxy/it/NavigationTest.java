package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Pos;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hover, definition, completion and document symbols on the hello workspace. */
class NavigationTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void hoverOnGreetingShowsItsSignatureAndDoc(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      var call = editor.positionOf("main.go", "Greeting(\"world\")");

      var hover = editor.requests().hover("main.go", call).getAsJsonObject();

      var value = hover.getAsJsonObject("contents").get("value").getAsString();
      assertTrue(value.contains("func Greeting(name string) string"), value);
      assertTrue(value.contains("Greeting returns the text hello prints"), value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void definitionOfTheCallIsTheDeclaration(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      var call = editor.positionOf("main.go", "Greeting(\"world\")");

      var locations = editor.requests().definition("main.go", call).getAsJsonArray();

      assertEquals(1, locations.size(), locations::toString);
      var location = locations.get(0).getAsJsonObject();
      assertEquals(editor.buffer("main.go").uri(), location.get("uri").getAsString());
      var start = Pos.fromJson(location.getAsJsonObject("range").getAsJsonObject("start"));
      assertEquals(editor.positionOf("main.go", "Greeting(name string)"), start);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void completionAfterFmtDotOffersPrintln(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      var end = editor.positionOf("main.go", "\tfmt.Println(Greeting");
      editor.edit("main.go", end, end, "\tfmt.Pri\n");

      var result = editor.requests().completion("main.go", new Pos(end.line(), 8));

      var labels = labels(result);
      assertTrue(labels.contains("Println"), labels::toString);
      assertTrue(labels.contains("Printf"), labels::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void documentSymbolsListTheFunctions(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      var symbols = editor.requests().documentSymbol("main.go").getAsJsonArray();

      var names = new ArrayList<String>();
      symbols.forEach(s -> names.add(s.getAsJsonObject().get("name").getAsString()));
      assertEquals(List.of("Greeting", "main"), names);
    }
  }

  private static FakeEditor loaded(ServerUnderTest server, Path tmp) throws Exception {
    var editor = Sessions.start(server, "hello", tmp);
    try {
      editor.await(noDiagnostics(editor.open("main.go")));
      return editor;
    } catch (Exception | Error e) {
      editor.close();
      throw e;
    }
  }

  private static List<String> labels(JsonElement completion) {
    var items = completion.isJsonArray() ? completion.getAsJsonArray() : completion.getAsJsonObject().getAsJsonArray("items");
    var labels = new ArrayList<String>();
    items.forEach(i -> labels.add(i.getAsJsonObject().get("label").getAsString()));
    return labels;
  }
}
