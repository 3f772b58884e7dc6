package dev.hotlsp.proxy.harness;

import java.util.List;
import java.util.stream.Stream;

/**
 * An immutable snapshot of a {@link MessageLog}: every message so far, in order, and whether the
 * connection has ended (then no more will come).
 */
public record LogView(List<LoggedMessage> messages, boolean closed) {
  public LogView {
    messages = List.copyOf(messages);
  }

  /** Messages the server sent, in order. */
  public Stream<LoggedMessage> fromServer() {
    return messages.stream().filter(m -> m.direction() == Direction.FROM_SERVER);
  }

  /** Server notifications with this method, in order. */
  public Stream<LoggedMessage> notifications(String method) {
    return fromServer().filter(m -> m.isNotification(method));
  }

  /** The same snapshot without the messages before sequence number {@code mark}. */
  public LogView since(long mark) {
    return new LogView(messages.stream().filter(m -> m.seq() >= mark).toList(), closed);
  }
}
