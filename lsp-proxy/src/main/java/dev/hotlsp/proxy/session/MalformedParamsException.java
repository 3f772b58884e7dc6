package dev.hotlsp.proxy.session;

/**
 * The params of an editor message do not have the shape the LSP specification requires, so the
 * session state was left unchanged.
 */
public final class MalformedParamsException extends Exception {
  private final String path;

  /** {@code path} names the offending member, e.g. {@code contentChanges[2].range.start.line}. */
  public MalformedParamsException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The JSON path of the member that was missing or ill-typed. */
  public String path() {
    return path;
  }
}
