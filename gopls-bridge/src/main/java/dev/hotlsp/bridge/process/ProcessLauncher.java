package dev.hotlsp.bridge.process;

import java.io.IOException;

/** Starts child processes: the one way HotLSP creates any process. */
@FunctionalInterface
public interface ProcessLauncher {
  /**
   * Starts {@code spec}. The child dies with HotLSP (no orphans) where the platform allows.
   *
   * @throws IOException when the program cannot be executed
   */
  ChildProcess start(CommandSpec spec) throws IOException;

  /**
   * Starts {@code spec} in HotLSP's own process group, so that it gets the signals a terminal sends
   * HotLSP's foreground job (Ctrl-C, Ctrl-\\) as HotLSP does; it still dies with HotLSP (parent-death
   * signal), and no group kill ever targets it (that would reach HotLSP itself). For the few helpers
   * that must hear the terminal; every other child leads a session of its own.
   *
   * @throws IOException when it cannot be started, or this launcher starts no such process
   */
  default Process startInHotLspGroup(CommandSpec spec) throws IOException {
    throw new IOException("this launcher starts no process in HotLSP's group: " + spec.display());
  }

  /**
   * From now on, every task in cgroup directory {@code dir} is killed (and the directory removed) if
   * HotLSP ends before {@link #releaseCgroup} is called. A launcher without a watchdog ignores it.
   */
  default void guardCgroup(java.nio.file.Path dir) {}

  /**
   * The private scratch directory this launcher gives its children as {@code TMPDIR} and {@code
   * GOTMPDIR}, if it has one (a sandbox around a child binds it writable).
   */
  default java.util.Optional<java.nio.file.Path> scratch() {
    return java.util.Optional.empty();
  }

  /** Forgets cgroup directory {@code dir} (its run has ended and it was removed). */
  default void releaseCgroup(java.nio.file.Path dir) {}

  /** Whether HotLSP is stopping: this launcher starts nothing more. */
  default boolean stopping() {
    return false;
  }
}
