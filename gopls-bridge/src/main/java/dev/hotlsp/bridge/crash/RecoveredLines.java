package dev.hotlsp.bridge.crash;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of the lines around a panic that a running program recovered and logged, as pure
 * functions: the line holding the recovered value before a {@code goroutine N [running]:} stack
 * ({@code net/http}'s {@code http: panic serving ADDR: V}, or any line a recoverer wrote by hand),
 * go-chi's pretty stack ({@code  panic: V} then {@code  -> pkg.F} / {@code      FILE:LINE}), gin's
 * {@code [Recovery] … panic recovered:} report ({@code FILE:LINE (0xPC)} / {@code \tF: source}),
 * echo's {@code [PANIC RECOVER] V goroutine N [running]:}, and JSON log lines whose strings hold a
 * stack. Nothing here throws on any input.
 */
final class RecoveredLines {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern LOG_PREFIX =
      Pattern.compile("^(?:\\[[^\\]]{1,40}\\] ?)?(?:\\d{4}/\\d\\d/\\d\\d )?(?:\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})? )?");
  private static final Pattern REQUEST = Pattern.compile("\\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE) (/\\S*)");
  private static final Pattern PATH = Pattern.compile("(?:^|[\\s\"'=(])(/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)");
  private static final Pattern GIN_FRAME = Pattern.compile("(.+):(\\d{1,9}) \\(0x[0-9a-f]{1,16}\\)");
  private static final Pattern ECHO = Pattern.compile(".*\\[PANIC RECOVER\\] (.*?) ?(goroutine \\d{1,18} \\[[^\\]]*\\]:)");
  private static final String HTTP_PANIC = "http: panic serving ";

  private RecoveredLines() {}

  /** {@code line} without terminal colour sequences (gin and go-chi colour their reports). */
  static String plain(String line) {
    return line.indexOf('\u001b') < 0 ? line : ANSI.matcher(line).replaceAll("");
  }

  /**
   * The recovered value a line before a stack names: what follows {@code http: panic serving ADDR: }
   * or {@code [PANIC RECOVER] }, else the line without a {@code log} prefix (date, time, a
   * bracketed prefix); empty for a blank line.
   */
  static String value(String line) {
    int http = line.indexOf(HTTP_PANIC);
    if (http >= 0) {
      int colon = line.indexOf(": ", http + HTTP_PANIC.length());
      return colon < 0 ? "" : line.substring(colon + 2).strip();
    }
    var m = LOG_PREFIX.matcher(line);
    return (m.lookingAt() ? line.substring(m.end()) : line).strip();
  }

  /** Whether {@code line} is {@code net/http}'s report of a handler panic (its stack follows). */
  static boolean httpPanic(String line) {
    return line.contains(HTTP_PANIC);
  }

  /**
   * The request a report line names: {@code GET /path} where a method precedes the path, else the
   * first token that starts with {@code /} and is not a Go source file.
   */
  static Optional<String> request(String line) {
    var m = REQUEST.matcher(line);
    if (m.find()) {
      return Optional.of(m.group(1) + " " + m.group(2));
    }
    var p = PATH.matcher(line);
    while (p.find()) {
      String path = p.group(1).replaceAll("[:,;.)]+$", "");
      if (path.length() > 1 && !path.contains(".go") && !path.startsWith("//")) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  /** go-chi's pretty stack opens with {@code " panic: V"} (one space, then the value). */
  static Optional<String> prettyHeader(String line) {
    return line.startsWith(" panic: ") && line.length() > " panic: ".length()
        ? Optional.of(line.substring(" panic: ".length()).strip())
        : Optional.empty();
  }

  /**
   * A line of go-chi's pretty stack: {@code -> } marks the panicking frame; functions are indented
   * 4, files 6. Returns the trimmed text, or empty for a line that is not one.
   */
  static Optional<String> prettyLine(String line) {
    if (line.startsWith(" -> ")) {
      return Optional.of(line.substring(4).strip());
    }
    if (line.startsWith("    ") && !line.isBlank()) {
      return Optional.of(line.strip());
    }
    return Optional.empty();
  }

  /** gin's {@code [Recovery] TIME panic recovered:} line. */
  static boolean ginHeader(String line) {
    return line.contains("[Recovery] ") && line.endsWith("panic recovered:");
  }

  /** A frame of gin's stack: {@code /abs/file.go:12 (0x4f2a1b)}. */
  static Optional<TraceLines.Location> ginFrame(String line) {
    var m = GIN_FRAME.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new TraceLines.Location(m.group(1), Integer.parseInt(m.group(2)), -1));
  }

  /** The function of gin's {@code \tF: source} line under a frame. */
  static Optional<String> ginFunction(String line) {
    if (!line.startsWith("\t") || line.length() < 2) {
      return Optional.empty();
    }
    int colon = line.indexOf(": ");
    String function = (colon < 0 ? line.substring(1) : line.substring(1, colon)).strip();
    return function.isEmpty() || function.contains(" ") ? Optional.empty() : Optional.of(function);
  }

  /** echo's text form: the value and the goroutine header on one line, as {@code [value, header]}. */
  static Optional<String[]> echoInline(String line) {
    if (!line.contains("[PANIC RECOVER] ") || !line.endsWith("]:")) {
      return Optional.empty();
    }
    var m = ECHO.matcher(line);
    return m.matches() ? Optional.of(new String[] {m.group(1).strip(), m.group(2)}) : Optional.empty();
  }

  /**
   * The stacks a one-line JSON log record holds (echo's default logger writes its {@code [PANIC
   * RECOVER]} report so; slog or zap handlers may put {@code debug.Stack()} in a field): each string
   * holding a goroutine stack, after a line made of the record's message and error fields, which
   * name the recovered value. Empty for any other line.
   */
  static List<String> jsonStacks(String line) {
    if (!line.startsWith("{") || !line.contains("goroutine ") || !line.contains("]:\\n")) {
      return List.of();
    }
    try {
      JsonElement root = JsonParser.parseString(line);
      if (!root.isJsonObject()) {
        return List.of();
      }
      var stacks = new ArrayList<String>();
      var named = new ArrayList<String>();
      for (var e : root.getAsJsonObject().entrySet()) {
        var v = e.getValue();
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
          String s = v.getAsString();
          if (s.contains("goroutine ") && s.contains("]:\n")) {
            stacks.add(s);
          } else if (VALUE_KEYS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)) && !s.contains("\n")) {
            named.add(s);
          }
        }
      }
      String value = String.join(": ", named);
      return stacks.stream().map(s -> value + "\n" + s).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static final java.util.Set<String> VALUE_KEYS = java.util.Set.of("msg", "message", "error", "err", "panic", "recovered");
}
