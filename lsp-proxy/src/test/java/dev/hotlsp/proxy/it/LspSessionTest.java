package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.Expectations;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A whole editing session against real gopls, directly and through the proxy in each mode. */
class LspSessionTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void typeErrorIsReportedOnLine8(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "typeerror", tmp)) {
      assertTrue(editor.initializeResult().getAsJsonObject("capabilities").has("hoverProvider"));
      var uri = editor.open("main.go");

      var view = editor.await(diagnosticAt(uri, 7, "cannot use \"three\""));

      var diagnostic = latestDiagnostics(view, uri).orElseThrow().get(0);
      assertEquals(9, Expectations.startCharacter(diagnostic));
      assertEquals(1, diagnostic.get("severity").getAsInt(), "severity error");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void editThatBreaksThenFixesTheCodeUpdatesDiagnostics(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));
      var original = editor.positionOf("main.go", "\"hello, \" + name");
      var originalEnd = original.plus(0, "\"hello, \" + name".length());

      var beforeBreak = editor.log().mark();
      editor.edit("main.go", original, originalEnd, "42");
      editor.await(diagnosticAt(uri, 7, "cannot use 42").since(beforeBreak));

      var beforeFix = editor.log().mark();
      var broken = original.plus(0, 2);
      editor.edit("main.go", original, broken, "\"hello, \" + name");
      editor.await(noDiagnostics(uri).since(beforeFix));
      assertEquals(3, editor.buffer("main.go").version());
      assertEquals(editor.sandbox().read("main.go"), editor.text("main.go"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void fullTextChangeIsAcceptedLikeAnIncrementalOne(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));

      var mark = editor.log().mark();
      editor.replaceText("main.go", editor.text("main.go").replace("\"hello, \" + name", "42"));

      editor.await(diagnosticAt(uri, 7, "cannot use 42").since(mark));
    }
  }
}
