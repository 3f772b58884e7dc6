package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The proxy's promise: gopls killed mid-session is invisible to the editor, whose edits still count. */
class CrashRecoveryTest {
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("dev.hotlsp.proxy.harness.Servers#proxies")
  void editsAfterGoplsIsKilledGetFreshDiagnostics(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(server, "typeerror", tmp)) {
      var uri = editor.open("main.go");
      editor.await(diagnosticAt(uri, 7, "cannot use \"three\""));
      var first = gopls(editor);

      assertTrue(first.destroyForcibly(), "SIGKILL to gopls " + first.pid());
      first.onExit().get(30, TimeUnit.SECONDS);
      var mark = editor.log().mark();
      var three = editor.positionOf("main.go", "three");
      editor.edit("main.go", three, three.plus(0, "three".length()), "four");

      editor.await(diagnosticAt(uri, 7, "cannot use \"four\"").since(mark));
      var hover = editor.requests().hover("main.go", editor.positionOf("main.go", "count ="));
      assertTrue(hover.toString().contains("var count int"), hover::toString);
      assertNotEquals(first.pid(), gopls(editor).pid());
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
    }
  }

  /** The one gopls the proxy runs (its telemetry child, also named gopls, has a gopls parent). */
  private static ProcessHandle gopls(FakeEditor editor) {
    var all = editor.serverDescendants().filter(p -> isGopls(p) && p.parent().filter(CrashRecoveryTest::isGopls).isEmpty()).toList();
    assertEquals(1, all.size(), () -> "gopls processes under the proxy: " + all);
    return all.get(0);
  }

  private static boolean isGopls(ProcessHandle p) {
    return p.isAlive() && p.info().command().filter(c -> c.endsWith("/gopls")).isPresent();
  }
}
