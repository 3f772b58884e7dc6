package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.Expectations;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server ends when the editor says goodbye, or just goes away: exit codes as the LSP spec sets them. */
class ShutdownTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void shutdownThenExitEndsTheServerWithCodeZero(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());

      editor.await(Expectations.connectionClosed());
      assertFalse(editor.log().snapshot().fromServer().anyMatch(m -> m.body().has("error")), editor.log()::listing);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void exitWithoutShutdownEndsTheServerWithCodeOne(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      assertEquals(OptionalInt.of(1), editor.exitWithoutShutdown(), () -> "stderr:\n" + editor.serverStderr());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void endOfInputEndsTheServer(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = loaded(server, tmp)) {
      var exit = editor.hangUp();

      assertTrue(exit.isPresent(), () -> "still running after its input ended\nstderr:\n" + editor.serverStderr());
      editor.await(Expectations.connectionClosed());
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
}
