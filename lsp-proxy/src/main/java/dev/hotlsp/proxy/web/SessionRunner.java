package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.wire.EditorTransport;
import java.nio.file.Path;

/** Runs one HotLSP session on a connection's transport, serving {@code workspace}; returns its exit code. */
@FunctionalInterface
public interface SessionRunner {
  int run(EditorTransport transport, Path workspace);
}
