package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A way to start the language server a test talks to: a subprocess (gopls, the launcher script,
 * a JVM) or the proxy's {@code Main} in this JVM. Implementations are immutable.
 */
public interface ServerUnderTest {
  /** A short name for parameterized test display. */
  String name();

  /** Why this server cannot run here (e.g. the proxy is not built yet), or empty when it can. */
  Optional<String> unavailable();

  /** Starts the server with {@code workDir} as its working directory. */
  RunningServer start(Path workDir) throws IOException;
}
