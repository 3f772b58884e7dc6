package dev.hotlsp.proxy.log;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends what gopls-bridge logs through {@link System.Logger} (java.util.logging underneath) to
 * HotLSP's {@link Log}: the same place ({@code --log FILE} or stderr) and the same one-line format,
 * not java.util.logging's two-line console format on stderr. java.util.logging's root logger is
 * the JVM's: {@link #close} puts back what was there.
 */
public final class BridgeLogging implements AutoCloseable {
  private static final java.util.logging.Formatter MESSAGE = new java.util.logging.SimpleFormatter();

  private final Logger root = Logger.getLogger("");
  private final List<Handler> previous;
  private final Level previousLevel;
  private final Handler handler;

  private BridgeLogging(Log log) {
    this.previous = List.of(root.getHandlers());
    this.previousLevel = root.getLevel();
    this.handler = new ToLog(log);
  }

  /** From now until {@link #close}, java.util.logging's records go to {@code log}, at its levels. */
  public static BridgeLogging install(Log log) {
    var bridge = new BridgeLogging(log);
    bridge.previous.forEach(bridge.root::removeHandler);
    bridge.root.addHandler(bridge.handler);
    bridge.root.setLevel(log.debugging() ? Level.FINE : Level.INFO);
    return bridge;
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    previous.forEach(root::addHandler);
    root.setLevel(previousLevel);
  }

  /** {@code Rebuilder: message: cause} at the record's level. */
  static String line(LogRecord record) {
    var name = record.getLoggerName() == null ? "" : record.getLoggerName();
    var text = new StringBuilder(name.substring(name.lastIndexOf('.') + 1));
    if (!text.isEmpty()) {
      text.append(": ");
    }
    text.append(MESSAGE.formatMessage(record));
    if (record.getThrown() != null) {
      text.append(": ").append(record.getThrown());
    }
    return text.toString().replace('\n', ' ');
  }

  private static final class ToLog extends Handler {
    private final Log log;

    ToLog(Log log) {
      this.log = log;
    }

    @Override
    public void publish(LogRecord record) {
      int level = record.getLevel().intValue();
      var text = line(record);
      if (level >= Level.SEVERE.intValue()) {
        log.error(text);
      } else if (level >= Level.WARNING.intValue()) {
        log.warn(text);
      } else if (level >= Level.INFO.intValue()) {
        log.info(text);
      } else {
        log.debug(text);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
