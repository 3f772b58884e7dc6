package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.message;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.serverRequest;
import static dev.hotlsp.proxy.harness.Expectations.startLine;
import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static dev.hotlsp.proxy.it.Builds.built;
import static dev.hotlsp.proxy.it.Builds.fromGoBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HotLSP tells gopls about files changed on disk ({@code workspace/didChangeWatchedFiles}) when
 * the editor cannot, and never when the editor watches files for gopls itself.
 */
class WatchedFilesTest {
  private static final String APP = "example.com/app";
  private static final String SERVER = "example.com/multi/cmd/server";
  private static final String TOOL = "example.com/multi/cmd/tool";

  @Test
  void aFunctionRenamedOnDiskInAClosedFileReachesGoplsWithoutAnEditorWatcher(@TempDir Path tmp) throws Exception {
    var config = EditorConfig.defaults().withWatchedFilesRegistration(false);
    try (var editor = Sessions.start(Builds.tracedProxy(tmp.resolve("trace.log"), "--build", APP), "gowork", tmp, config)) {
      var caller = editor.open("app/main.go");
      editor.await(noDiagnostics(caller));
      editor.await(built(APP));

      var mark = editor.log().mark();
      var greet = "lib/greet/greet.go";
      editor.sandbox().write(greet, editor.sandbox().read(greet).replace("func Hello(", "func Greet("));

      editor.await(diagnosticsFor(caller, "include gopls's undefined: greet.Hello on line 10",
          ds -> ds.stream().anyMatch(d -> !fromGoBuild(d) && startLine(d) == 10
              && message(d).contains("undefined: greet.Hello"))).since(mark));
    }
  }

  @ParameterizedTest(name = "editor registers watchers: {0}")
  @ValueSource(booleans = {true, false})
  void hotlspSendsWatchedFilesOnlyWhenTheEditorDoesNot(boolean editorWatches, @TempDir Path tmp) throws Exception {
    var trace = tmp.resolve("trace.log");
    var config = EditorConfig.defaults().withWatchedFilesRegistration(editorWatches);
    try (var editor = Sessions.start(Builds.tracedProxy(trace, "--build-all-on-open"), "multi", tmp, config)) {
      if (editorWatches) {
        editor.await(serverRequest("client/registerCapability"));
      }
      editor.await(built(SERVER, TOOL));

      var mark = editor.log().mark();
      var util = "internal/util/util.go";
      editor.sandbox().write(util, editor.sandbox().read(util).replace("+ \"!\"", "+ \"!!\""));
      editor.await(buildEnded(TOOL, true).since(mark));

      var sent = Builds.traced(trace, "hotlsp->gopls", "workspace/didChangeWatchedFiles");
      assertFalse(Builds.traced(trace, "hotlsp->gopls", "initialize").isEmpty(), "the trace records what HotLSP sends gopls");
      if (editorWatches) {
        assertEquals(0, sent.size(), () -> "the editor watches files for gopls, HotLSP must not: " + sent);
      } else {
        var uri = editor.sandbox().path(util).toUri().toString();
        assertFalse(sent.isEmpty(), "the editor has no watcher: HotLSP tells gopls");
        assertTrue(sent.stream().allMatch(n -> n.toString().contains(uri)), () -> sent + " names only " + uri);
      }
    }
  }
}
