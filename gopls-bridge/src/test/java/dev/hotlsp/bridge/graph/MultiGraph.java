package dev.hotlsp.bridge.graph;

import dev.hotlsp.bridge.testing.Workspaces;
import java.nio.file.Path;

/** The real import graph of test-workspaces/multi, loaded with go list. */
final class MultiGraph {
  static final String SERVER = "example.com/multi/cmd/server";
  static final String TOOL = "example.com/multi/cmd/tool";

  private MultiGraph() {}

  static ImportGraph load(Path root) throws Exception {
    var go = Workspaces.go();
    return new ImportGraphLoader(go).load(GoWorkspace.detect(root, go));
  }
}
