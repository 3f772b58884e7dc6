package dev.hotlsp.proxy.log;

import dev.hotlsp.proxy.wire.Frame;

/** Sees frames passing one point of the proxy, with their direction (e.g. {@code hotlsp->gopls}); {@link TraceLog} is one. */
@FunctionalInterface
public interface FrameTap {
  /** A tap that records nothing. */
  FrameTap NONE = (direction, frame) -> { };

  void record(String direction, Frame frame);
}
