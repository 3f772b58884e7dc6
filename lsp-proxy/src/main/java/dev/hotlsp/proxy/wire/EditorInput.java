package dev.hotlsp.proxy.wire;

import java.io.IOException;
import java.util.function.Consumer;

/** Where an {@link EditorTransport} delivers what the editor sent, and what went wrong with it. */
public interface EditorInput {
  /** Returns once the messages' destination (gopls's queue) has room; the transport reads nothing meanwhile. */
  void awaitRoom();

  /** One message of the editor's. */
  void message(Frame frame);

  /** Bytes that could not be framed, or a message discarded (too large, truncated). */
  void problem(ReadResult.Problem problem);

  /** The editor's input ended: {@code reason} is null for a clean end, else why reading failed. */
  void closed(String reason);

  /** The output to the editor failed or the editor stopped reading it: the session cannot go on. */
  void broken(IOException e);

  /** The transport's own thread failed (a bug or an {@link Error}): the session cannot go on. */
  void failed(Throwable t);

  /** An input that hands messages to {@code messages} and ignores the rest (an in-memory editor). */
  static EditorInput of(Consumer<Frame> messages) {
    return new EditorInput() {
      @Override
      public void awaitRoom() {}

      @Override
      public void message(Frame frame) {
        messages.accept(frame);
      }

      @Override
      public void problem(ReadResult.Problem problem) {}

      @Override
      public void closed(String reason) {}

      @Override
      public void broken(IOException e) {}

      @Override
      public void failed(Throwable t) {}
    };
  }
}
