package dev.hotlsp.proxy.files;

/** A workspace file request HotLSP refuses: a path that is not a plain relative one, or a file it will not touch. */
public final class FileAccessException extends Exception {
  private final boolean badPath;

  private FileAccessException(String message, boolean badPath) {
    super(message);
    this.badPath = badPath;
  }

  /** The path itself is not acceptable (absolute, {@code ..}, empty component…): the client's mistake. */
  static FileAccessException badPath(String path, String why) {
    return new FileAccessException("path " + quote(path) + " refused: " + why, true);
  }

  /** The path is well formed but names something HotLSP will not read or write. */
  static FileAccessException refused(String path, String why) {
    return new FileAccessException(quote(path) + ": " + why, false);
  }

  /** True for a malformed path (InvalidParams), false for a refused file (RequestFailed). */
  public boolean badPath() {
    return badPath;
  }

  private static String quote(String path) {
    var shown = path.length() > 200 ? path.substring(0, 200) + "…" : path;
    return "\"" + shown.replace("\"", "\\\"") + "\"";
  }
}
