package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static dev.hotlsp.proxy.harness.Expectations.showMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import dev.hotlsp.proxy.harness.GoplsProcesses;
import dev.hotlsp.proxy.harness.LspError;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The give-up rule end to end with real gopls and {@code --crash-limit 2}: after the second kill
 * the editor is told once, with the command that helps; requests fail at once instead of waiting;
 * {@code hotlsp.restartGopls} brings gopls back with the session.
 */
class GiveUpTest {
  private static final Duration PROCESS_WAIT = Duration.ofSeconds(30);
  private static final int REQUEST_FAILED = -32803;
  private static final String COMMAND = "hotlsp.restartGopls";

  static Stream<ServerUnderTest> crashLimitTwo() {
    var args = List.of("--crash-limit", "2");
    return Stream.of(Servers.proxyInProcess(args), Servers.proxyJvm(args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crashLimitTwo")
  void secondCrashGivesUpUntilTheRestartCommand(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "typeerror", tmp)) {
      var uri = editor.open("main.go");
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\""));
      var gopls = GoplsProcesses.of(editor);
      gopls.killCurrent(PROCESS_WAIT);
      editor.await(showMessages(2, "restored 1 open document", 1));

      gopls.killCurrent(PROCESS_WAIT);
      editor.await(showMessages(1, COMMAND, 1));
      var refused = assertThrows(LspError.class,
          () -> editor.requests().hover("main.go", editor.positionOf("main.go", "count =")));
      assertEquals(REQUEST_FAILED, refused.code(), refused::getMessage);
      assertTrue(refused.getMessage().contains(COMMAND), refused::getMessage);
      gopls.awaitNoneLeft(PROCESS_WAIT);

      var mark = editor.log().mark();
      assertEquals(JsonNull.INSTANCE, editor.requests().executeCommand(COMMAND));
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\"").since(mark));
      var hover = editor.requests().hover("main.go", editor.positionOf("main.go", "count ="));
      assertTrue(hover.toString().contains("var count int"), hover::toString);
      var restarted = gopls.current();
      assertTrue(restarted.isAlive());
      assertEquals(1, showMessages(editor.log().snapshot(), 1, COMMAND).size(), editor.log()::listing);
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
      gopls.awaitNoneLeft(PROCESS_WAIT);
    }
  }
}
