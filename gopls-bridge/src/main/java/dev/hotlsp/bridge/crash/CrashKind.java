package dev.hotlsp.bridge.crash;

/** What ended (or, for a race, marred) a Go program, with the finding code it becomes. */
public enum CrashKind {
  /** {@code panic: …}, including runtime errors and signal panics. */
  PANIC("panic"),
  /** {@code fatal error: …} other than out of memory: deadlock, concurrent map writes, stack overflow… */
  FATAL("fatal"),
  /** {@code fatal error: runtime: out of memory} and the runtime's other spellings ({@link GoOutOfMemory}). */
  OUT_OF_MEMORY("oom"),
  /** A signal the program did not handle, e.g. {@code SIGQUIT: quit} with its dump. */
  SIGNAL("fatal"),
  /** A {@code -race} report ({@code WARNING: DATA RACE}); the program goes on running. */
  RACE("race");

  private final String code;

  CrashKind(String code) {
    this.code = code;
  }

  /** The finding code: {@code panic}, {@code fatal}, {@code oom} or {@code race}. */
  public String code() {
    return code;
  }
}
