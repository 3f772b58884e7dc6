package dev.hotlsp.proxy.log;

import dev.hotlsp.proxy.wire.Peer;
import dev.hotlsp.proxy.wire.Frame;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes every message with its direction and timestamp ({@code --trace FILE}). Its decorators
 * wrap a {@link Peer} or an inbound consumer, so tracing is stacked on, never woven in.
 */
public final class TraceLog implements FrameTap, AutoCloseable {
  private final PrintStream out;
  private final Clock clock;

  public TraceLog(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** A trace appended to {@code file}. */
  public static TraceLog open(Path file, Clock clock) throws IOException {
    return new TraceLog(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8), clock);
  }

  @Override
  public void record(String direction, Frame frame) {
    synchronized (out) {
      out.print(clock.instant());
      out.print(' ');
      out.print(direction);
      out.print(' ');
      out.println(frame.bodyText());
      out.flush();
    }
  }

  @Override
  public void close() {
    synchronized (out) {
      out.close();
    }
  }

  public Peer tracing(String direction, Peer peer) {
    return frame -> {
      record(direction, frame);
      peer.send(frame);
    };
  }

  public Consumer<Frame> tracing(String direction, Consumer<Frame> inbound) {
    return frame -> {
      record(direction, frame);
      inbound.accept(frame);
    };
  }
}
