package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reason of a run's end from its figures. */
class EndClassifierTest {
  private static EndReason reason(int code, Optional<EndReason> stopped, long ooms, OptionalLong cpuLimit, long cpuMs, String stderr) {
    return EndClassifier.reason(new EndClassifier.Facts(code, RunningProgram.signalOf(code), stopped, ooms, cpuLimit, cpuMs, stderr, ""));
  }

  @Test
  void exitCodes() {
    assertEquals(EndReason.EXITED, reason(0, Optional.empty(), 0, OptionalLong.empty(), 5, ""));
    assertEquals(EndReason.CRASHED, reason(2, Optional.empty(), 0, OptionalLong.empty(), 5, "panic: x"));
    assertEquals(EndReason.CRASHED, reason(139, Optional.empty(), 0, OptionalLong.empty(), 5, ""));
    assertEquals(OptionalInt.of(11), RunningProgram.signalOf(139));
  }

  @Test
  void aSilentSigkillWithAnOomCountIsTheMemoryLimit() {
    assertEquals(EndReason.MEMORY_LIMIT, reason(137, Optional.empty(), 1, OptionalLong.empty(), 5, ""));
    assertEquals(EndReason.CRASHED, reason(137, Optional.empty(), 0, OptionalLong.empty(), 5, ""));
  }

  @Test
  void goOutOfMemoryUnderRlimitDataIsTheMemoryLimit() {
    assertEquals(EndReason.MEMORY_LIMIT, reason(2, Optional.empty(), 0, OptionalLong.empty(), 5,
        "fatal error: runtime: out of memory\n\nruntime stack:\n"));
    // the spelling depends on which allocation failed first (seen on a CI machine)
    assertEquals(EndReason.MEMORY_LIMIT, reason(2, Optional.empty(), 0, OptionalLong.empty(), 5,
        "8 MiB\nfatal error: out of memory allocating heap arena metadata\n\nruntime stack:\n"));
    assertEquals(EndReason.CRASHED, reason(2, Optional.empty(), 0, OptionalLong.empty(), 5,
        "panic: out of memory in my own cache\n"), "a program's own panic text is not Go's");
  }

  @Test
  void sigxcpuOrASigkillAtTheCpuLimitIsTheCpuLimit() {
    assertEquals(EndReason.CPU_LIMIT, reason(128 + 24, Optional.empty(), 0, OptionalLong.of(1), 1000, ""));
    assertEquals(EndReason.CPU_LIMIT, reason(137, Optional.empty(), 0, OptionalLong.of(2), 2010, ""));
    assertEquals(EndReason.CRASHED, reason(137, Optional.empty(), 0, OptionalLong.of(10), 20, ""), "killed long before its limit");
  }

  @Test
  void theRunnersOwnStopWins() {
    assertEquals(EndReason.TIMEOUT, reason(143, Optional.of(EndReason.TIMEOUT), 0, OptionalLong.empty(), 5, ""));
    assertEquals(EndReason.KILLED_BY_RESTART, reason(137, Optional.of(EndReason.KILLED_BY_RESTART), 0, OptionalLong.empty(), 5, ""));
  }

  @Test
  void aSandboxToolsErrorIsASandboxError() {
    assertEquals(EndReason.SANDBOX_ERROR, reason(1, Optional.empty(), 0, OptionalLong.empty(), 1, "bwrap: Can't mount proc on /newroot/proc\n"));
    assertEquals(EndReason.SANDBOX_ERROR, reason(125, Optional.empty(), 0, OptionalLong.empty(), 1,
        SandboxCommand.ERROR_PREFIX + "cannot join cgroup /x\n"));
    assertEquals(EndReason.SANDBOX_ERROR, reason(1, Optional.of(EndReason.STOPPED), 0, OptionalLong.empty(), 1, "bwrap: x\n"));
  }
}
