package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.progressEnded;
import static dev.hotlsp.proxy.harness.Expectations.serverRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.LoggedMessage;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the client declares at initialize reaches gopls unchanged: progress and watcher registration follow it. */
class InitializationTest {
  private static final String SERVERS = "dev.hotlsp.proxy.harness.Servers#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void workspaceLoadIsReportedAsProgressAndWatchersAreRegistered(ServerUnderTest server, @TempDir Path tmp)
      throws Exception {
    try (var editor = Sessions.start(server, "hello", tmp)) {
      var uri = editor.open("main.go");

      var view = editor.await(progressEnded("Setting up workspace"));
      editor.await(noDiagnostics(uri));

      assertTrue(view.fromServer().anyMatch(m -> m.method().equals("window/workDoneProgress/create")));
      var registrations = editor.log().snapshot().fromServer().filter(m -> m.method().equals("client/registerCapability"));
      assertTrue(registrations.anyMatch(InitializationTest::registersWatchedFiles), editor.log()::listing);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void withoutDynamicRegistrationOrProgressNoneIsRequested(ServerUnderTest server, @TempDir Path tmp)
      throws Exception {
    var config = EditorConfig.defaults().withWatchedFilesRegistration(false).withWorkDoneProgress(false);
    try (var editor = Sessions.start(server, "hello", tmp, config)) {
      var uri = editor.open("main.go");
      editor.await(noDiagnostics(uri));

      var view = editor.log().snapshot();
      assertFalse(view.fromServer().anyMatch(InitializationTest::registersWatchedFiles), editor.log()::listing);
      assertEquals(0, view.notifications("$/progress").count(), editor.log()::listing);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(SERVERS)
  void clientInfoReachesGoplsUnchanged(ServerUnderTest server, @TempDir Path tmp) throws Exception {
    var config = EditorConfig.defaults().withClientName("Visual Studio Code");
    try (var editor = Sessions.start(server, "multi", tmp, config)) {
      var view = editor.await(serverRequest("client/registerCapability"));

      var registration = view.fromServer().filter(InitializationTest::registersWatchedFiles).findFirst().orElseThrow();
      var perDirectory = "\"globPattern\":\"" + editor.sandbox().path("internal/unused") + "\"";
      assertTrue(
          registration.params().toString().contains(perDirectory),
          () -> "gopls registers one watcher per directory only for VS Code: " + registration.params());
    }
  }

  private static boolean registersWatchedFiles(LoggedMessage m) {
    return m.method().equals("client/registerCapability")
        && m.params().toString().contains("workspace/didChangeWatchedFiles");
  }
}
