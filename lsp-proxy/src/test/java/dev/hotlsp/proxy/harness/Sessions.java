package dev.hotlsp.proxy.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

/** Starts a fake-editor session on a copy of a test workspace, skipping servers that are not built. */
public final class Sessions {
  private Sessions() {}

  /** Skips the calling test (JUnit assumption) when {@code server} cannot run here. */
  public static void assumeAvailable(ServerUnderTest server) {
    var why = server.unavailable();
    assumeTrue(why.isEmpty(), () -> server.name() + ": " + why.orElse(""));
  }

  /** Copies {@code test-workspaces/WORKSPACE} into {@code tempDir} and opens an editor on it. */
  public static FakeEditor start(ServerUnderTest server, String workspace, Path tempDir, EditorConfig config)
      throws IOException, InterruptedException {
    assumeAvailable(server);
    return FakeEditor.start(server, Sandbox.copyOf(workspace, tempDir), config);
  }

  public static FakeEditor start(ServerUnderTest server, String workspace, Path tempDir)
      throws IOException, InterruptedException {
    return start(server, workspace, tempDir, EditorConfig.defaults());
  }
}
