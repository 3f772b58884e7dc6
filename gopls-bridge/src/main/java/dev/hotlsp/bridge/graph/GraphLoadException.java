package dev.hotlsp.bridge.graph;

/** {@code go list} could not list the workspace at all (e.g. a go.mod that does not parse). */
public final class GraphLoadException extends Exception {
  private final String stderr;

  public GraphLoadException(String stderr) {
    super("go list failed: " + stderr.strip());
    this.stderr = stderr;
  }

  /** What go printed on stderr. */
  public String stderr() {
    return stderr;
  }
}
