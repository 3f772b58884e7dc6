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

  /**
   * Whether the goroutine waits for something that may never come: a channel, a lock, a wait group,
   * a condition ({@code chan receive}, {@code select}, {@code sync.Mutex.Lock}, {@code semacquire}…),
   * or network I/O for a minute or more. Not: running, runnable, in a system call, sleeping (a
   * polling loop), {@code select (no cases)} (the idiom that parks {@code main} for good), the
   * runtime's own idle workers, or I/O under a minute (every server's accept loop).
   */
  public boolean waiting() {
    if (status.equals("IO wait")) {
      return minutes >= 1;
    }
    return !(NOT_WAITING.contains(status) || status.startsWith("GC ") || status.startsWith("force gc")
        || status.startsWith("finalizer wait") || status.startsWith("trace "));
  }

  private static final java.util.Set<String> NOT_WAITING = java.util.Set.of("running", "runnable", "syscall",
      "sleep", "idle", "dead", "copystack", "preempted", "select (no cases)", "sync.Cond.Wait (cleanup wait)",
      "cleanup wait", "debug call", "wait for debug call", "wait until GC ends");
}
