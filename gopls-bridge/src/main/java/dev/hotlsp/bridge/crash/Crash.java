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
 * goroutines the trace listed beyond what the scanner's {@link ScanBudget} keeps.
 */
public record Crash(
    CrashKind kind,
    String message,
    List<String> details,
    List<Goroutine> goroutines,
    OptionalLong crashed,
    List<StackFrame> runtimeStack,
    Optional<RaceReport> race,
    boolean truncated,
    long omittedGoroutines) {
  /** A crash whose goroutines were all kept. */
  public Crash(CrashKind kind, String message, List<String> details, List<Goroutine> goroutines,
      OptionalLong crashed, List<StackFrame> runtimeStack, Optional<RaceReport> race, boolean truncated) {
    this(kind, message, details, goroutines, crashed, runtimeStack, race, truncated, 0);
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

  /** The goroutine that crashed, when there is one. */
  public Optional<Goroutine> crashedGoroutine() {
    if (crashed.isEmpty()) {
      return Optional.empty();
    }
    return goroutines.stream().filter(g -> g.id() == crashed.getAsLong()).findFirst();
  }
}
