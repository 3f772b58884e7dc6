package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * The editor's receiving side: one daemon thread reads every server message, logs it, completes
 * pending requests in the {@link RpcOutbox}, and answers server requests through the answerer.
 * At the end of the stream it closes the log and fails what is still pending.
 */
public final class RpcReader {
  private final Thread thread;

  private RpcReader(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts reading {@code in}.
   *
   * @param answerer the result for a server request; it throws {@link LspError} to answer with an error
   */
  public static RpcReader start(
      InputStream in, MessageLog log, RpcOutbox outbox, Function<LoggedMessage, JsonElement> answerer) {
    var input = new BufferedInputStream(in);
    return new RpcReader(
        Thread.ofPlatform().daemon().name("fake-editor-reader").start(() -> loop(input, log, outbox, answerer)));
  }

  private static void loop(
      InputStream in, MessageLog log, RpcOutbox outbox, Function<LoggedMessage, JsonElement> answerer) {
    String why = "end of stream";
    try {
      while (true) {
        var body = LspWire.read(in);
        if (body.isEmpty()) {
          break;
        }
        var m = log.append(Direction.FROM_SERVER, JsonParser.parseString(body.get()).getAsJsonObject());
        if (m.isResponse()) {
          outbox.complete(m.body());
        } else if (m.isRequest()) {
          answer(m, outbox, answerer);
        }
      }
    } catch (IOException | RuntimeException e) {
      why = e.toString();
    } finally {
      log.close(why);
      outbox.failAll(why);
    }
  }

  private static void answer(LoggedMessage request, RpcOutbox outbox, Function<LoggedMessage, JsonElement> answerer) {
    var id = request.body().get("id");
    try {
      outbox.respond(id, answerer.apply(request));
    } catch (LspError e) {
      outbox.respondError(id, e);
    }
  }

  /** Whether the reader still runs (the server has not closed its output). */
  public boolean isAlive() {
    return thread.isAlive();
  }
}
