package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.harness.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Go program whose panic message and output carry terminal control sequences (OSC title change,
 * clear screen, OSC 52 clipboard write, bare CR, C1 CSI), and what HotLSP must print of that message.
 */
final class HostilePanic {
  /** The panic value as Go prints it. */
  static final String MESSAGE = "title\u001b]0;pwned\u0007 clear\u001b[2J\u001b[H clip\u001b]52;c;ZXZpbA==\u0007"
      + " cr\rfake csi\u009b31m end";
  /** {@link #MESSAGE} as HotLSP prints it for a terminal. */
  static final String ESCAPED = "title\\x1b]0;pwned\\x07 clear\\x1b[2J\\x1b[H clip\\x1b]52;c;ZXZpbA==\\x07"
      + " cr\\rfake csi\\u009b31m end";
  /** What the program writes on stdout before it panics. */
  static final String STDOUT = "out:\u001b]0;pwned\u0007|\u001b[2J|\r|\u009b31m\n";
  /** The line of the panic call in main.go. */
  static final int LINE = 7;

  private static final String MAIN = """
      package main

      import "os"

      func main() {
      \tos.Stdout.WriteString("out:\\x1b]0;pwned\\x07|\\x1b[2J|\\r|\\u009b31m\\n")
      \tpanic("title\\x1b]0;pwned\\x07 clear\\x1b[2J\\x1b[H clip\\x1b]52;c;ZXZpbA==\\x07 cr\\rfake csi\\u009b31m end")
      }
      """;

  private HostilePanic() {}

  /** A module {@code example.com/hostile} in {@code dir} holding the program as main.go. */
  static Path workspace(Path dir) throws IOException {
    return Sandbox.fromText(java.nio.file.Files.createDirectories(dir), Map.of("go.mod", "module example.com/hostile\n\ngo 1.21\n", "main.go", MAIN)).root();
  }

  /** Whether {@code line} holds a control character other than tab. */
  static boolean hasControls(String line) {
    return line.chars().anyMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f));
  }
}
