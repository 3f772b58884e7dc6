package dev.hotlsp.proxy.run;

/** A run target that names no main package of the workspace; the message says what there is. */
public final class UnknownTargetException extends Exception {
  public UnknownTargetException(String message) {
    super(message);
  }
}
