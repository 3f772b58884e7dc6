package dev.hotlsp.bridge.run;

import java.util.Locale;

/** Why a run ended, as the runner saw it from the kernel's figures and its own actions. */
public enum EndReason {
  /** The program exited with code 0. */
  EXITED,
  /** The program exited with another code or died by a signal the runner did not send. */
  CRASHED,
  /** The runner's wall-clock limit ran out and it stopped the program. */
  TIMEOUT,
  /** The memory limit was hit: a cgroup OOM kill, or Go's {@code runtime: out of memory}. */
  MEMORY_LIMIT,
  /** RLIMIT_CPU ran out (SIGXCPU, then SIGKILL). */
  CPU_LIMIT,
  /** Stopped because a new build of the same target replaces it. */
  KILLED_BY_RESTART,
  /** Stopped on request. */
  STOPPED,
  /** The sandbox itself failed (bwrap, a cgroup, a missing runsc): the program did not run. */
  SANDBOX_ERROR;

  /** The wire name: {@code exited}, {@code memory-limit}, {@code killed-by-restart}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
