package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** After didClose the server judges the file on disk: unsaved breakage disappears, saved breakage stays. */
class SaveAndCloseTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void closingAnUnsavedBrokenBufferRevertsToTheCleanFileOnDisk(ServerUnderTest server, @TempDir Path tmp)
      throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));
      breakGreeting(editor);
      editor.await(diagnosticAt(uri, 7, "cannot use 42"));

      var mark = editor.log().mark();
      editor.documents().close("main.go");

      editor.await(noDiagnostics(uri).since(mark));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void savedBreakageIsStillReportedAfterClose(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));
      breakGreeting(editor);
      editor.await(diagnosticAt(uri, 7, "cannot use 42"));

      editor.documents().save("main.go");
      var mark = editor.log().mark();
      editor.documents().close("main.go");

      assertTrue(editor.sandbox().read("main.go").contains("return 42"));
      editor.await(diagnosticAt(uri, 7, "cannot use 42").since(mark));
    }
  }

  private static void breakGreeting(FakeEditor editor) {
    var start = editor.positionOf("main.go", "\"hello, \" + name");
    var end = start.plus(0, "\"hello, \" + name".length());
    editor.edit("main.go", start, end, "42");
  }
}
