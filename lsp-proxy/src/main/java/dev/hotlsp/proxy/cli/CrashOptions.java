package dev.hotlsp.proxy.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code hotlsp crash}: the workspace the crash is mapped onto ({@code --workspace},
 * default the current directory), the output {@code format} ({@code text} or {@code json}), and the
 * input file ({@code -} or absent: standard input).
 */
public record CrashOptions(Path workspace, String format, Optional<Path> input) {
  public CrashOptions {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(input, "input");
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be text or json, got " + format);
    }
  }
}
