package dev.hotlsp.proxy.wire;

/** A message body that is not a JSON-RPC message; carries the parser's reason. */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String reason) {
    super(reason);
  }
}
