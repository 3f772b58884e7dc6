package dev.hotlsp.bridge.graph;

import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an {@link ImportGraph} with one {@code go list -e -deps -json=...} call over all module
 * patterns of a {@link GoWorkspace}, run from its root at a lower CPU priority ({@code nice -n
 * 10}). Thread-safe.
 */
public final class ImportGraphLoader {
  /** The CPU priority of the go list: below gopls and the proxy, like the builds. */
  static final int NICENESS = 10;

  private final GoToolchain go;
  private final List<String> buildFlags;

  public ImportGraphLoader(GoToolchain go) {
    this(go, List.of());
  }

  /** {@code buildFlags}: the builds' flags, since some ({@code -tags}, {@code -race}) change the graph. */
  public ImportGraphLoader(GoToolchain go, List<String> buildFlags) {
    this.go = go;
    this.buildFlags = List.copyOf(buildFlags);
  }

  /**
   * Lists the workspace. Packages with errors (syntax, missing imports) are still in the graph.
   *
   * @throws GraphLoadException when go list fails as a whole (unreadable go.mod or go.work)
   */
  public ImportGraph load(GoWorkspace workspace)
      throws IOException, InterruptedException, GraphLoadException {
    var args = new ArrayList<String>(buildFlags);
    args.addAll(List.of("-e", "-deps", "-json=" + GoListJson.FIELDS));
    args.addAll(workspace.patterns());
    var result =
        go.runNiced(new GoCommand("list", args, java.util.Map.of(), workspace.root()), NICENESS);
    if (!result.ok()) {
      throw new GraphLoadException(result.stderr());
    }
    return ImportGraph.parse(new StringReader(result.stdout()));
  }
}
