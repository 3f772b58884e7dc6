package dev.hotlsp.bridge.crash;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The grammar of single lines of Go crash output, as pure functions. Hand-written for the lines a
 * big dump is made of (goroutine headers, frames), patterns for the rare ones. Nothing here throws
 * on any input.
 */
final class TraceLines {
  private static final Pattern SIGNAL_HEADER = Pattern.compile("SIG[A-Z0-9]+: .*");
  private static final Pattern ELIDED = Pattern.compile("\\.\\.\\.(\\d+) frames elided\\.\\.\\.");
  private static final Pattern REGISTER = Pattern.compile("[a-z][a-z0-9]{1,6} +0x[0-9a-f]+");
  private static final Pattern RACE_ACCESS =
      Pattern.compile("(\\S.*) at (0x[0-9a-f]+) by (?:main goroutine|goroutine (\\d+)):");
  private static final Pattern RACE_CREATION = Pattern.compile("Goroutine (\\d+) \\((.*)\\) created at:");
  private static final Pattern MINUTES = Pattern.compile("(\\d+) minutes?");

  static final String RACE_SEPARATOR = "==================";
  static final String RACE_WARNING = "WARNING: DATA RACE";

  private TraceLines() {}

  /** The header of a goroutine: {@code goroutine N [gp=… m=… mp=…] [status, N minutes, locked to thread]:}. */
  record Header(long id, String status, int minutes, boolean locked) {}

  /** A function line: the function and the text between its outer parentheses. */
  record Call(String function, String arguments) {}

  /** A file line: file, line and the {@code +0x} offset (-1 when absent). */
  record Location(String file, int line, long offset) {}

  static boolean panicHeader(String line) {
    return line.startsWith("panic: ");
  }

  static boolean fatalHeader(String line) {
    return line.startsWith("fatal error: ");
  }

  static boolean signalHeader(String line) {
    return line.startsWith("SIG") && SIGNAL_HEADER.matcher(line).matches();
  }

  /** Lines the runtime prints before a {@code fatal error:} ({@code runtime: …}, a fault address). */
  static boolean preamble(String line) {
    return line.startsWith("runtime: ") || line.startsWith("unexpected fault address ");
  }

  /** Lines that belong to a crash's header area and carry information: signal, PC, runtime notes. */
  static boolean detail(String line) {
    return (line.startsWith("[signal ") && line.endsWith("]"))
        || line.startsWith("PC=")
        || line.startsWith("signal arrived during ")
        || preamble(line);
  }

  /**
   * Lines of a dump that carry nothing HotLSP uses but do not end it: the runtime's hex dump of a
   * bad stack ({@code stack: frame={…}}, {@code 0x…: 0x… 0x…}, a tab-indented {@code stack=[…}),
   * cgo frames ({@code non-Go function}, a tab-indented line with {@code pc=0x}), a goroutine
   * running elsewhere, separators of {@code GOTRACEBACK=crash}, and register dumps.
   */
  static boolean ignorable(String line) {
    if (line.isEmpty() || line.equals("-----") || register(line)) {
      return true;
    }
    if (line.startsWith("\t")) {
      return line.startsWith("\tgoroutine running on other thread") || line.startsWith("\tstack=[")
          || line.contains("pc=0x");
    }
    return line.startsWith("goroutine running on other thread") || line.startsWith("stack: frame={")
        || line.startsWith("non-Go function") || (line.startsWith("0x") && line.indexOf(": ") > 2);
  }

  /** {@code [originating from goroutine N]:} — ancestors' frames (GODEBUG=tracebackancestors). */
  static boolean ancestor(String line) {
    return line.startsWith("[originating from goroutine ") && line.endsWith("]:");
  }

  static boolean register(String line) {
    return line.length() < 40 && REGISTER.matcher(line).matches();
  }

  static Optional<Header> goroutineHeader(String line) {
    if (!line.startsWith("goroutine ") || !line.endsWith("]:")) {
      return Optional.empty();
    }
    int i = "goroutine ".length();
    int idEnd = i;
    while (idEnd < line.length() && Character.isDigit(line.charAt(idEnd))) {
      idEnd++;
    }
    int open = line.indexOf('[', idEnd);
    if (idEnd == i || idEnd - i > 18 || open < 0 || line.charAt(idEnd) != ' ') {
      return Optional.empty();
    }
    long id = Long.parseLong(line, i, idEnd, 10);
    String inside = line.substring(open + 1, line.length() - 2);
    int labels = inside.indexOf(" labels:{");
    if (labels >= 0) { // Go 1.26 with GODEBUG=tracebacklabels=1: labels close the brackets
      inside = inside.substring(0, labels);
    }
    String status = inside;
    int minutes = 0;
    boolean locked = false;
    int comma = inside.indexOf(", ");
    if (comma >= 0) {
      status = inside.substring(0, comma);
      for (String part : inside.substring(comma + 2).split(", ")) {
        var m = MINUTES.matcher(part);
        if (m.matches() && m.group(1).length() < 9) {
          minutes = Integer.parseInt(m.group(1));
        } else if (part.equals("locked to thread")) {
          locked = true;
        }
      }
    }
    return Optional.of(new Header(id, status, minutes, locked));
  }

  /** A frame's function line, e.g. {@code main.main()}; not indented, ends with {@code )}. */
  static Optional<Call> call(String line) {
    if (line.isEmpty() || line.charAt(0) <= ' ' || !line.endsWith(")")) {
      return Optional.empty();
    }
    int open = matchingOpen(line);
    if (open <= 0 || line.charAt(open - 1) == ' ') {
      return Optional.empty();
    }
    String function = line.substring(0, open);
    if (function.indexOf(' ') >= 0 && !function.contains("interface {")) {
      return Optional.empty();
    }
    return Optional.of(new Call(function, line.substring(open + 1, line.length() - 1)));
  }

  /** {@code created by F} or {@code created by F in goroutine N}: F and N (-1 when absent). */
  static Optional<Created> createdBy(String line) {
    if (!line.startsWith("created by ")) {
      return Optional.empty();
    }
    String rest = line.substring("created by ".length());
    long parent = -1;
    int in = rest.lastIndexOf(" in goroutine ");
    if (in > 0) {
      String n = rest.substring(in + " in goroutine ".length());
      if (!n.isEmpty() && n.length() < 19 && n.chars().allMatch(Character::isDigit)) {
        parent = Long.parseLong(n);
        rest = rest.substring(0, in);
      }
    }
    if (rest.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Created(rest, parent));
  }

  record Created(String function, long parent) {}

  /**
   * A frame's file line after {@code indent}: {@code /abs/file.go:12 +0x1d fp=… sp=… pc=…}, the
   * offset and frame registers optional.
   */
  static Optional<Location> location(String line, String indent) {
    if (!line.startsWith(indent) || line.length() <= indent.length()
        || line.charAt(indent.length()) == ' ' || line.charAt(indent.length()) == '\t') {
      return Optional.empty();
    }
    int end = line.indexOf(" +0x", indent.length());
    int rest = end;
    if (end < 0) {
      end = line.indexOf(" fp=", indent.length());
      rest = end;
    }
    if (end < 0) {
      end = line.length();
    }
    int colon = line.lastIndexOf(':', end - 1);
    if (colon <= indent.length() || colon == end - 1 || end - colon > 10) {
      return Optional.empty();
    }
    for (int i = colon + 1; i < end; i++) {
      if (!Character.isDigit(line.charAt(i))) {
        return Optional.empty();
      }
    }
    int lineNo = Integer.parseInt(line, colon + 1, end, 10);
    long offset = -1;
    if (rest >= 0 && line.startsWith(" +0x", rest)) {
      int hexEnd = rest + 4;
      while (hexEnd < line.length() && Character.digit(line.charAt(hexEnd), 16) >= 0) {
        hexEnd++;
      }
      if (hexEnd > rest + 4 && hexEnd - rest - 4 <= 15) {
        offset = Long.parseLong(line, rest + 4, hexEnd, 16);
      }
    }
    return Optional.of(new Location(line.substring(indent.length(), colon), lineNo, offset));
  }

  /** {@code ...N frames elided...}: N; {@code ...additional frames elided...}: -1. */
  static Optional<Long> elided(String line) {
    if (line.equals("...additional frames elided...")) {
      return Optional.of(-1L);
    }
    if (!line.startsWith("...") || !line.endsWith("elided...")) {
      return Optional.empty();
    }
    var m = ELIDED.matcher(line);
    if (!m.matches() || m.group(1).length() > 18) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(m.group(1)));
  }

  /** A race access header: operation, address, goroutine (-1 for the main goroutine). */
  static Optional<RaceReport.Access> raceAccess(String line) {
    if (!line.endsWith(":") || !line.contains(" by ")) {
      return Optional.empty();
    }
    var m = RACE_ACCESS.matcher(line);
    if (!m.matches() || (m.group(3) != null && m.group(3).length() > 18)) {
      return Optional.empty();
    }
    var goroutine = m.group(3) == null
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(m.group(3)));
    return Optional.of(new RaceReport.Access(m.group(1), m.group(2), goroutine, List.of()));
  }

  static Optional<RaceReport.Creation> raceCreation(String line) {
    if (!line.startsWith("Goroutine ")) {
      return Optional.empty();
    }
    var m = RACE_CREATION.matcher(line);
    if (!m.matches() || m.group(1).length() > 18) {
      return Optional.empty();
    }
    return Optional.of(new RaceReport.Creation(Long.parseLong(m.group(1)), m.group(2), List.of()));
  }

  private static int matchingOpen(String line) {
    int depth = 0;
    for (int i = line.length() - 1; i >= 0; i--) {
      char c = line.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
