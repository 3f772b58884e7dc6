package dev.hotlsp.bridge.crash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Go crash read from a program's output. {@code message} is the header as printed, its lines
 * joined by {@code \n} with Go's continuation tab removed ({@code panic: boom}, nested panics on
 * further lines, {@code fatal error: all goroutines are asleep - deadlock!}, {@code SIGQUIT:
 * quit}); {@code details} are the lines around it ({@code [signal SIGSEGV …]}, {@code runtime: …},
 * {@code PC=…}). {@code crashed} is the goroutine that crashed — the first one listed — and empty
 * for a deadlock (every goroutine is blocked) or a race. {@code runtimeStack} is the system stack
 * printed under {@code runtime stack:}. A race has its {@link RaceReport} and no goroutines.
 * {@code truncated} says the output ended inside the trace. {@code omittedGoroutines} counts the
 * goroutines the trace listed beyond what the scanner's {@link ScanBudget} keeps. A {@link
 * CrashKind#RECOVERED recovered} panic's {@code message} is the recovered value as its report wrote
 * it, and {@code request} the request being served when the report names one ({@code GET /path},
 * or a path); a {@link CrashKind#DUMP dump}'s message is {@code goroutine dump}.
 */
public record Crash(
    CrashKind kind,
    String message,
    List<String> details,
    List<Goroutine> goroutines,
    OptionalLong crashed,
    List<StackFrame> runtimeStack,
    Optional<RaceReport> race,
    Optional<String> request,
    boolean truncated,
    long omittedGoroutines) {
  /** The message of a recovered panic whose report printed no value (a bare {@code debug.Stack()}). */
  public static final String VALUE_NOT_LOGGED = "(value not logged)";

  /** A crash whose goroutines were all kept. */
  public Crash(CrashKind kind, String message, List<String> details, List<Goroutine> goroutines,
      OptionalLong crashed, List<StackFrame> runtimeStack, Optional<RaceReport> race, Optional<String> request,
      boolean truncated) {
    this(kind, message, details, goroutines, crashed, runtimeStack, race, request, truncated, 0);
  }

  public Crash {
    Objects.requireNonNull(kind, "kind");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("crash without a message");
    }
    details = List.copyOf(details);
    goroutines = List.copyOf(goroutines);
    Objects.requireNonNull(crashed, "crashed");
    runtimeStack = List.copyOf(runtimeStack);
    Objects.requireNonNull(race, "race");
    Objects.requireNonNull(request, "request");
    if (race.isPresent() != (kind == CrashKind.RACE)) {
      throw new IllegalArgumentException("a race report belongs to a RACE crash, and only there");
    }
    if (crashed.isPresent() && goroutines.stream().noneMatch(g -> g.id() == crashed.getAsLong())) {
      throw new IllegalArgumentException("crashed goroutine " + crashed.getAsLong() + " is not listed");
    }
    if (omittedGoroutines < 0) {
      throw new IllegalArgumentException("negative omitted goroutines: " + omittedGoroutines);
    }
  }

  /** Whether the runtime found every goroutine blocked. */
  public boolean deadlock() {
    return kind == CrashKind.FATAL && message.contains("all goroutines are asleep");
  }

  /**
   * Whether this is a goroutine dump of a program that was alive: a {@link CrashKind#DUMP} or the
   * dump a {@code SIGQUIT} makes Go print (every goroutine, then exit 2).
   */
  public boolean goroutineDump() {
    return kind == CrashKind.DUMP || (kind == CrashKind.SIGNAL && message.startsWith("SIGQUIT:"));
  }

  /** The goroutine that crashed, when there is one. */
  public Optional<Goroutine> crashedGoroutine() {
    if (crashed.isEmpty()) {
      return Optional.empty();
    }
    return goroutines.stream().filter(g -> g.id() == crashed.getAsLong()).findFirst();
  }
}
