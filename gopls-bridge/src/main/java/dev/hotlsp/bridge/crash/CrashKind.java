package dev.hotlsp.bridge.crash;

/**
 * What ended (or, for a race, a recovered panic or a goroutine dump, marred) a Go program, with the
 * finding code it becomes and whether that finding is only a warning (the program goes on serving).
 */
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
  RACE("race"),
  /**
   * A panic that the program recovered and logged with its stack while it goes on running: {@code
   * net/http}'s {@code http: panic serving …}, a middleware recoverer's report (go-chi, gin, echo),
   * or a {@code goroutine N [running]:} stack through {@code panic} printed after the recovered value.
   */
  RECOVERED("recovered-panic"),
  /**
   * A goroutine dump without a panic: {@code SIGQUIT: quit} and every goroutine, or a {@code
   * goroutine N [status]:} dump printed by the program; its blocked goroutines are findings.
   */
  DUMP("hang");

  private final String code;

  CrashKind(String code) {
    this.code = code;
  }

  /** The finding code: {@code panic}, {@code fatal}, {@code oom}, {@code race}, {@code recovered-panic} or {@code hang}. */
  public String code() {
    return code;
  }

  /** Whether findings with {@code code} are warnings: the program was still running when they were seen. */
  public static boolean warningCode(String code) {
    return code.equals(RECOVERED.code) || code.equals(DUMP.code);
  }
}
