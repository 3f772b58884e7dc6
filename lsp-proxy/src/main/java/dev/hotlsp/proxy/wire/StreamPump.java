package dev.hotlsp.proxy.wire;

import java.io.IOException;

/**
 * The input loop of a byte-stream transport: Content-Length frames read from a {@link FrameReader},
 * each after the output and the destination have room (TCP-like back-pressure), handed to an
 * {@link EditorInput} until the stream ends. Runs on its caller's thread.
 */
public final class StreamPump {
  private StreamPump() {}

  public static void run(FrameReader reader, BackPressure output, EditorInput input) {
    try {
      while (true) {
        output.awaitRoom(); // the editor does not read what it is sent: stop reading from it
        input.awaitRoom(); // gopls's queue is full: stop reading from the editor
        var next = reader.next();
        if (next instanceof ReadResult.Message m) {
          input.message(m.frame());
        } else if (next instanceof ReadResult.Problem p) {
          input.problem(p);
        } else {
          break;
        }
      }
    } catch (IOException e) {
      input.closed("reading from the editor failed: " + e.getMessage());
      return;
    } catch (Throwable t) {
      input.failed(t);
      return;
    }
    input.closed(null);
  }
}
