package dev.hotlsp.bridge.gotest;

import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.BuildScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The captured {@code go test -json} streams of test-workspaces/testing (its regen.sh), replayed
 * against a copy of the workspace: the capture's source root respelled as the copy's.
 */
final class Captures {
  private Captures() {}

  static Path resources() {
    return Workspaces.repo().resolve("gopls-bridge/src/test/resources/gotest");
  }

  /** The capture {@code name}.json with its paths moved to {@code root}. */
  static String read(String name, Path root) throws IOException {
    var text = Files.readString(resources().resolve(name + ".json"), StandardCharsets.UTF_8);
    var sourceRoot = Files.readString(resources().resolve("source-root.txt"), StandardCharsets.UTF_8).strip();
    return text.replace(sourceRoot, root.toString());
  }

  static TestFindings findings(Path root) throws IOException {
    var index = WorkspaceIndex.scan(new GoWorkspace(root, List.of(root), false));
    return new TestFindings(index, new FileSourceLines(), root, BuildScope.everywhere());
  }

  /** Every package of the capture, fed in chunks of {@code chunk} characters. */
  static List<PackageResult> replay(String name, Path root, int chunk, TestListener listener) throws IOException {
    var text = read(name, root);
    var output = new GoTestOutput(findings(root), listener);
    var out = new ArrayList<PackageResult>();
    for (int i = 0; i < text.length(); i += chunk) {
      out.addAll(output.feed(text.substring(i, Math.min(text.length(), i + chunk))));
    }
    out.addAll(output.finish(false));
    return out;
  }
}
