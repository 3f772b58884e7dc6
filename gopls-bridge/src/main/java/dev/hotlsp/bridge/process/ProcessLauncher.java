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
}
