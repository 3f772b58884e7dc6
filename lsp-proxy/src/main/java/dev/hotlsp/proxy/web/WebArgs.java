package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.run.RunUnits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits {@code hotlsp web} arguments: its own options ({@code --listen}, {@code --allow-origin},
 * {@code --sessions}, {@code --max-sessions}, {@code --idle-timeout}, {@code --static}) and DIR
 * become {@link WebOptions}; the rest are {@code serve}'s, returned for its parser (a DIR after
 * options is what that parser finds unexpected: {@link Split#withDirectory}). Pure.
 */
public final class WebArgs {
  /** The parsed web options and the arguments left for {@code serve}'s parser. */
  public record Split(WebOptions web, List<String> serveArgs) {
    public Split {
      serveArgs = List.copyOf(serveArgs);
    }

    /** This split with {@code serveArgs[index]} taken as DIR instead (a DIR given after options). */
    public Split withDirectory(int index) {
      var rest = new ArrayList<>(serveArgs);
      var dir = Path.of(rest.remove(index));
      return new Split(web.withDirectory(dir), rest);
    }
  }

  private WebArgs() {}

  /**
   * @param args the arguments after {@code web}; DIR is the first one that is no option
   * @throws IllegalArgumentException with a one-line reason
   */
  public static Split split(List<String> args) {
    Optional<Path> dir = Optional.empty();
    String host = "127.0.0.1";
    int port = 0;
    var origins = new ArrayList<String>();
    boolean sessions = false;
    int maxSessions = WebOptions.DEFAULT_MAX_SESSIONS;
    Duration idle = WebOptions.DEFAULT_IDLE_TIMEOUT;
    Optional<Path> statics = Optional.empty();
    Duration ping = WebOptions.DEFAULT_PING_INTERVAL;
    var rest = new ArrayList<String>();
    for (int i = 0; i < args.size(); i++) {
      var a = args.get(i);
      switch (a) {
        case "--listen" -> {
          var v = value(args, ++i, a);
          int colon = v.lastIndexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--listen needs ADDRESS:PORT, e.g. 127.0.0.1:8080, got " + v);
          }
          host = v.substring(0, colon);
          if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
          }
          try {
            port = Integer.parseInt(v.substring(colon + 1));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen: not a port: " + v.substring(colon + 1));
          }
        }
        case "--allow-origin" -> origins.add(AccessPolicy.stripSlash(value(args, ++i, a).toLowerCase(java.util.Locale.ROOT)));
        case "--sessions" -> sessions = true;
        case "--max-sessions" -> {
          try {
            maxSessions = Integer.parseInt(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-sessions needs a whole number, got " + args.get(i));
          }
        }
        case "--idle-timeout" -> idle = RunUnits.duration(a, value(args, ++i, a));
        case "--ping-interval" -> ping = RunUnits.duration(a, value(args, ++i, a));
        case "--static" -> statics = Optional.of(Path.of(value(args, ++i, a)));
        default -> {
          if (i == 0 && !a.startsWith("-")) {
            dir = Optional.of(Path.of(a));
          } else {
            rest.add(a);
          }
        }
      }
    }
    return new Split(new WebOptions(dir.orElse(Path.of(".")), host, port, origins, sessions, maxSessions, idle,
        statics, ping), rest);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
