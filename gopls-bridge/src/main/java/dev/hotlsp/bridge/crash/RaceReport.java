package dev.hotlsp.bridge.crash;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One {@code WARNING: DATA RACE} report of the race detector: the conflicting accesses (the
 * current one first, then {@code Previous …}), and where each goroutine involved was created.
 */
public record RaceReport(List<Access> accesses, List<Creation> creations) {
  public RaceReport {
    accesses = List.copyOf(accesses);
    creations = List.copyOf(creations);
  }

  /**
   * One access: {@code operation} as printed ({@code Write}, {@code Previous read}, {@code Read of
   * size 8}…), the address, the goroutine (empty for {@code main goroutine}) and its frames.
   */
  public record Access(String operation, String address, OptionalLong goroutine, List<StackFrame> frames) {
    public Access {
      if (operation == null || operation.isBlank()) {
        throw new IllegalArgumentException("access without an operation");
      }
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(goroutine, "goroutine");
      frames = List.copyOf(frames);
    }

    /** {@code goroutine 7} or {@code main goroutine}, as the report names it. */
    public String by() {
      return goroutine.isPresent() ? "goroutine " + goroutine.getAsLong() : "main goroutine";
    }
  }

  /** {@code Goroutine N (status) created at:} and the creating frames. */
  public record Creation(long goroutine, String status, List<StackFrame> frames) {
    public Creation {
      Objects.requireNonNull(status, "status");
      frames = List.copyOf(frames);
    }
  }
}
