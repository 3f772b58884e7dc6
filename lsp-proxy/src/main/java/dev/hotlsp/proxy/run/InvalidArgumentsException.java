package dev.hotlsp.proxy.run;

/** A command's arguments do not have the documented shape; the message says what was expected. */
public final class InvalidArgumentsException extends Exception {
  public InvalidArgumentsException(String message) {
    super(message);
  }
}
