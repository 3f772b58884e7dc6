package dev.hotlsp.bridge.run;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a run ended. {@code exitCode} is the program's, or 128+N when signal N killed it (then
 * {@code signal} is N); {@code wallMs} by the runner's clock; {@code cpuMs} and {@code peakRssKiB}
 * from the kernel (the run's cgroup, else wait4's rusage through GNU time; -1 where neither was
 * available); {@code truncatedBytes}: output bytes the runner did not keep (the listener saw them
 * all). Head and tail of each stream are what the runner kept (UTF-8, a cut character replaced):
 * the tail is empty unless the stream outgrew its head, so a crash trace after a flood survives.
 */
public record RunResult(
    String runId,
    String target,
    int exitCode,
    OptionalInt signal,
    EndReason reason,
    long wallMs,
    long cpuMs,
    long peakRssKiB,
    long truncatedBytes,
    String stdoutHead,
    String stdoutTail,
    String stderrHead,
    String stderrTail) {
  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stdoutHead, "stdoutHead");
    Objects.requireNonNull(stdoutTail, "stdoutTail");
    Objects.requireNonNull(stderrHead, "stderrHead");
    Objects.requireNonNull(stderrTail, "stderrTail");
    if (truncatedBytes < 0) {
      throw new IllegalArgumentException("negative truncatedBytes: " + truncatedBytes);
    }
  }

  /** Everything kept of stderr: head, then tail. */
  public String stderr() {
    return stderrHead + stderrTail;
  }

  /** Everything kept of stdout: head, then tail. */
  public String stdout() {
    return stdoutHead + stdoutTail;
  }
}
