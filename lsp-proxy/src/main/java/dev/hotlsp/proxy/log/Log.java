package dev.hotlsp.proxy.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * HotLSP's log: one timestamped line per event to stderr or a file, never to stdout; what a message
 * quotes cannot break the line or reach the terminal as a control sequence ({@link TerminalText}).
 */
public final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final PrintStream out;
  private final Clock clock;
  private final boolean debug;
  private final boolean info;

  public Log(PrintStream out, Clock clock, boolean debug) {
    this(out, clock, debug, true);
  }

  /** @param info whether INFO lines are written (a headless run keeps stderr to warnings) */
  public Log(PrintStream out, Clock clock, boolean debug, boolean info) {
    this.out = out;
    this.clock = clock;
    this.debug = debug;
    this.info = info || debug;
  }

  /** Whether DEBUG lines are written. */
  public boolean debugging() {
    return debug;
  }

  public void info(String message) {
    if (info) {
      line("INFO", message);
    }
  }

  public void warn(String message) {
    line("WARN", message);
  }

  public void error(String message) {
    line("ERROR", message);
  }

  public void debug(String message) {
    if (debug) {
      line("DEBUG", message);
    }
  }

  private void line(String level, String message) {
    var time = LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()).format(TIME);
    synchronized (out) {
      out.println(time + " hotlsp " + level + " " + TerminalText.escape(message));
      out.flush();
    }
  }
}
