package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.crash.GoOutOfMemory;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Why a run ended, from the kernel's figures and what the runner did. Pure. */
final class EndClassifier {
  static final int SIGKILL = 9;
  static final int SIGXCPU = 24;
  /** How a sandbox tool reports that it could not set the run up (on stderr, before the program ran). */
  static final List<String> SANDBOX_ERRORS =
      List.of("bwrap: ", SandboxCommand.ERROR_PREFIX, "setpriv: ", "prlimit: ", "runsc: ", "env: ", "/usr/bin/time: ");

  private EndClassifier() {}

  /** Everything the reason depends on. {@code cpuMs} is -1 where unknown. */
  record Facts(int exitCode, OptionalInt signal, Optional<EndReason> stoppedFor, long oomKills,
      OptionalLong cpuSecondsLimit, long cpuMs, String stderrHead, String stderrTail) {}

  static EndReason reason(Facts f) {
    if (f.exitCode() != 0 && f.signal().isEmpty() && SANDBOX_ERRORS.stream().anyMatch(f.stderrHead()::startsWith)) {
      return EndReason.SANDBOX_ERROR;
    }
    if (f.stoppedFor().isPresent()) {
      return f.stoppedFor().get();
    }
    if (f.oomKills() > 0 || GoOutOfMemory.saidIn(f.stderrHead()) || GoOutOfMemory.saidIn(f.stderrTail())) {
      return EndReason.MEMORY_LIMIT;
    }
    if (f.cpuSecondsLimit().isPresent() && f.signal().isPresent()) {
      int sig = f.signal().getAsInt();
      // RLIMIT_CPU: SIGXCPU at the soft limit (Go ignores it), SIGKILL one second later at the hard one
      long limitMs = f.cpuSecondsLimit().getAsLong() * 1000;
      if (sig == SIGXCPU || (sig == SIGKILL && (f.cpuMs() < 0 || f.cpuMs() >= limitMs - 1000))) {
        return EndReason.CPU_LIMIT;
      }
    }
    return f.exitCode() == 0 ? EndReason.EXITED : EndReason.CRASHED;
  }
}
