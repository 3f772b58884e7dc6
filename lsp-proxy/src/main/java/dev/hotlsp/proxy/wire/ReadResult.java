package dev.hotlsp.proxy.wire;

import java.util.Optional;

/** What {@link FrameReader#next()} found: a frame, a framing problem, or the end of the stream. */
public sealed interface ReadResult {
  /** A well-framed message (its body may still be invalid JSON). */
  record Message(Frame frame) implements ReadResult {}

  /**
   * Bytes that could not be framed, or a message that was discarded (too large, truncated).
   * {@code envelope} is what could be read of a discarded message's id and method.
   */
  record Problem(String description, Optional<Envelope> envelope) implements ReadResult {}

  /** The stream ended (the peer closed it or died). */
  record End() implements ReadResult {}
}
