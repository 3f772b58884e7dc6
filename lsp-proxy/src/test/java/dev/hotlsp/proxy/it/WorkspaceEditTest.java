package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.serverRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import dev.hotlsp.proxy.harness.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Edits the server computes reach the editor's buffers: rename results and server-sent workspace/applyEdit. */
class WorkspaceEditTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void renameRewritesDeclarationAndCall(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));

      var mark = editor.log().mark();
      editor.requests().rename("main.go", editor.positionOf("main.go", "Greeting(name"), "Salute");

      var text = editor.text("main.go");
      assertTrue(text.contains("func Salute(name string) string {"), text);
      assertTrue(text.contains("fmt.Println(Salute(\"world\"))"), text);
      assertFalse(text.contains("Greeting("), text);
      assertEquals(2, editor.buffer("main.go").version());
      editor.await(noDiagnostics(uri).since(mark));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void serverSentApplyEditIsAppliedToTheBuffer(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));
      var args = new JsonObject();
      args.addProperty("ImportPath", "strings");
      args.addProperty("URI", uri);

      var mark = editor.log().mark();
      editor.requests().executeCommand("gopls.add_import", args);

      var view = editor.await(serverRequest("workspace/applyEdit").since(mark));
      var applied = appliedAnswer().verdict(view.since(mark));
      assertEquals(Verdict.MET, applied, editor.log()::listing);
      var text = editor.text("main.go");
      assertTrue(text.contains("\"strings\""), text);
      assertTrue(text.contains("\"fmt\""), text);
      assertEquals(2, editor.buffer("main.go").version());
    }
  }

  private static Expectation appliedAnswer() {
    return Expectation.of(
        "editor answered applied:true",
        view ->
            view.messages().stream()
                .filter(m -> m.isResponse() && m.body().has("result") && m.body().get("result").isJsonObject())
                .anyMatch(m -> m.body().getAsJsonObject("result").get("applied").getAsBoolean()));
  }
}
