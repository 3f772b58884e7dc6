package dev.hotlsp.proxy.wire;

/**
 * The editor side of one session, whatever carries it (stdio, a WebSocket, an in-memory client):
 * an output with back-pressure, and a pump delivering the editor's messages to an
 * {@link EditorInput}. The framing is the transport's own; the proxy sees whole {@link Frame}s,
 * forwarded byte for byte.
 */
public interface EditorTransport {
  /** Where frames for the editor go, in order. */
  Peer output();

  /** The output's budget: a reader of gopls's messages waits on it (no room while the editor does not read). */
  BackPressure outputRoom();

  /**
   * Starts delivering the editor's messages to {@code input}, each after {@link #outputRoom} and
   * {@link EditorInput#awaitRoom}; from now on a failed output is told to {@code input} too (one
   * that failed earlier, at once). Called once.
   */
  void start(EditorInput input);

  /** Writes what is queued for the editor (waiting up to {@code graceMillis}) and closes the connection. */
  void close(long graceMillis);
}
