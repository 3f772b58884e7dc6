package dev.hotlsp.proxy.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value syntax of the run options, pure: SIZE ({@code 1048576}, {@code 512KiB}, {@code 64MiB},
 * {@code 1GiB}), DURATION ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}) and SIG ({@code TERM},
 * {@code SIGTERM}, {@code 15}). Each parser throws {@link IllegalArgumentException} with a message
 * fit for a usage error.
 */
public final class RunUnits {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})(B|KiB|MiB|GiB|TiB)?");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
  /** The signals a program may be asked to stop with, by name without {@code SIG} (KILL follows the grace anyway). */
  public static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "USR1", "USR2", "TERM");
  private static final List<Integer> SIGNAL_NUMBERS = List.of(1, 2, 3, 10, 12, 15);

  private RunUnits() {}

  /** Bytes from {@code 64MiB}-style text (binary units; a bare number is bytes). */
  public static long size(String option, String text) {
    var m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(option + " needs a size such as 64MiB or 1GiB, got " + text);
    }
    int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
      case "KiB" -> 10;
      case "MiB" -> 20;
      case "GiB" -> 30;
      case "TiB" -> 40;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      if (n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is too large: " + text);
    }
  }

  /**
   * A duration from {@code 500ms}/{@code 2s}/{@code 1m}/{@code 1h} text, or a sum of such parts
   * ({@code 1h30m}); the unit is required.
   */
  public static Duration duration(String option, String text) {
    var m = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException(option + " needs a duration such as 500ms, 2s or 1m, got " + text);
    }
    return total;
  }

  /** A stop signal's name without {@code SIG} ({@code TERM}) from a name, {@code SIG}name or number. */
  public static String signal(String option, String text) {
    var name = text.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    if (SIGNALS.contains(name)) {
      return name;
    }
    try {
      int i = SIGNAL_NUMBERS.indexOf(Integer.parseInt(text));
      if (i >= 0) {
        return SIGNALS.get(i);
      }
    } catch (NumberFormatException e) {
      // not a number either: reported below
    }
    throw new IllegalArgumentException(option + " must be one of " + String.join(", ", SIGNALS) + ", got " + text);
  }
}
