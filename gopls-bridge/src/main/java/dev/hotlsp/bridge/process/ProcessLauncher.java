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
}
