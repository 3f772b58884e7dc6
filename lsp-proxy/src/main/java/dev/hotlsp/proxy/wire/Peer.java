package dev.hotlsp.proxy.wire;

/** One side of the proxy that frames are sent to: the editor, or the current gopls. */
@FunctionalInterface
public interface Peer {
  /** Sends one frame; unchecked exceptions mean the peer is gone. */
  void send(Frame frame);
}
