package dev.hotlsp.bridge.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** A run that has started: {@code pid} is the process HotLSP started (the sandbox's outermost one). */
public record RunStarted(String runId, String target, Path binary, Isolation isolation, long pid, Instant startedAt) {
  public RunStarted {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
