package dev.hotlsp.proxy.harness;

/** A JSON-RPC error response to a request the fake editor sent. */
public final class LspError extends RuntimeException {
  private final int code;

  public LspError(String method, int code, String message) {
    super(method + " failed with " + code + ": " + message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
