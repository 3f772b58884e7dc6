package dev.hotlsp.proxy.wire;

import java.io.IOException;

/** A peer stopped reading: nothing was written to it for the stall limit while its outbox was full. */
public final class PeerStalledException extends IOException {
  public PeerStalledException(String message) {
    super(message);
  }
}
