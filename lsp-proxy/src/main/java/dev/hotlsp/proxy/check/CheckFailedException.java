package dev.hotlsp.proxy.check;

/** Why {@code hotlsp check} cannot give a result (exit 2), as one line for stderr. */
final class CheckFailedException extends Exception {
  CheckFailedException(String message) {
    super(message);
  }
}
