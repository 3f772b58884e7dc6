package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectations;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Pos;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Multi-byte text keeps framing and UTF-16 positions intact; navigation crosses packages. */
class UnicodeAndPackagesTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";
  private static final String MAIN =
      """
      package main

      func main() {
      \ts := "😀 é ü 中文"; var n int = s
      \t_ = n
      }
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void diagnosticAfterMultiByteTextIsAtItsUtf16Position(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    Sessions.assumeAvailable(server);
    var sandbox = Sandbox.fromText(tmp, Map.of("go.mod", "module example.com/u\n\ngo 1.22\n", "main.go", MAIN));
    try (var editor = FakeEditor.start(server, sandbox, EditorConfig.defaults())) {
      var uri = editor.open("main.go");

      var view = editor.await(diagnosticAt(uri, 3, "cannot use s"));

      var expected = editor.positionOf("main.go", "s\n\t_ = n");
      var diagnostic = latestDiagnostics(view, uri).orElseThrow().get(0);
      assertEquals(expected.character(), Expectations.startCharacter(diagnostic), diagnostic::toString);

      var mark = editor.log().mark();
      editor.edit("main.go", expected, new Pos(expected.line(), expected.character() + 1), "len(s)");
      editor.await(noDiagnostics(uri).since(mark));
      assertTrue(editor.text("main.go").contains("var n int = len(s)"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void definitionCrossesIntoAnotherPackage(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "multi", tmp)) {
      var uri = editor.open("cmd/server/main.go");
      editor.await(noDiagnostics(uri));

      var locations =
          editor.requests().definition("cmd/server/main.go", editor.positionOf("cmd/server/main.go", "Describe"))
              .getAsJsonArray();

      assertEquals(1, locations.size(), locations::toString);
      var target = locations.get(0).getAsJsonObject().get("uri").getAsString();
      assertEquals(editor.sandbox().uri("internal/api/api.go"), target);
    }
  }
}
