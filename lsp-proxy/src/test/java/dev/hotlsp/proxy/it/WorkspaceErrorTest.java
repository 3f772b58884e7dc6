package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.showMessage;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A go.mod asking for a newer Go than installed: gopls must run go with GOTOOLCHAIN=local (no
 * toolchain download) and tell the editor, as a message when the editor has no progress support.
 */
class WorkspaceErrorTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";
  private static final Map<String, String> FILES =
      Map.of("go.mod", "module example.com/future\n\ngo 1.99\n", "main.go", "package main\n\nfunc main() {}\n");

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void tooNewGoVersionIsShownWithLocalToolchain(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    Sessions.assumeAvailable(server);
    var config = EditorConfig.defaults().withWorkDoneProgress(false);
    try (var editor = FakeEditor.start(server, Sandbox.fromText(tmp, FILES), config)) {
      editor.open("main.go");

      editor.await(showMessage(4, "go.mod requires go >= 1.99"));
      editor.await(showMessage(4, "GOTOOLCHAIN=local"));
      editor.await(diagnosticAt(editor.sandbox().uri("go.mod"), 0, "requires go >= 1.99"));
    }
  }
}
