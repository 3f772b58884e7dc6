package dev.hotlsp.bridge.crash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One goroutine of a Go stack dump: its {@code id}, {@code status} ({@code running},
 * {@code chan receive}, {@code sync.Mutex.Lock}…), how many {@code minutes} it has waited (0 when not
 * printed), whether it is locked to its thread, its frames innermost first, where it was
 * created ({@code createdBy}, and in which goroutine when Go 1.21+ says so), and how many frames
 * are left out of {@code frames}: {@code elidedFrames} for the runtime's {@code ...N frames
 * elided...} plus those beyond the scanner's {@link ScanBudget}, {@code moreFramesElided} for
 * {@code ...additional frames elided...} (Go before 1.21).
 */
public record Goroutine(
    long id,
    String status,
    int minutes,
    boolean lockedToThread,
    List<StackFrame> frames,
    Optional<StackFrame> createdBy,
    OptionalLong createdInGoroutine,
    long elidedFrames,
    boolean moreFramesElided) {
  public Goroutine {
    Objects.requireNonNull(status, "status");
    frames = List.copyOf(frames);
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdInGoroutine, "createdInGoroutine");
    if (id < 0 || minutes < 0 || elidedFrames < 0) {
      throw new IllegalArgumentException("negative goroutine id, minutes or elided frames");
    }
  }
}
