package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.CliResult;
import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotlsp run} of a program whose crash is too big to hold — a 64 MB panic line, a dump of
 * 300,000 goroutines (test-workspaces/crashers) — in a JVM whose heap is far smaller: the run ends
 * with the program's status and the finding on the user's line, and the program's output reaches
 * HotLSP's stderr whole.
 */
class RunCrashMemoryTest {
  /** Well below what reading these outputs whole takes (a 64 MB line is 64 MB of heap at least). */
  private static final String HEAP = "-Xmx48m";
  private static final int TAIL_BYTES = 4 << 20;

  private Path crashers;
  private Path stderrFile;
  private CliUnderTest cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) throws IOException {
    crashers = Sandbox.copyOf("crashers", tmp).root();
    stderrFile = tmp.resolve("stderr");
    var jvm = CliUnderTest.jvm().commandPrefix();
    var command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" 2>\"$0\"", stderrFile.toString()));
    command.add(jvm.get(0));
    command.add(HEAP);
    command.addAll(jvm.subList(1, jvm.size()));
    cli = new CliUnderTest("jvm " + HEAP, command);
  }

  private CliResult run(String... programArgs) throws Exception {
    var args = new ArrayList<>(List.of("run", "--workspace", crashers.toString(), ".", "--"));
    args.addAll(List.of(programArgs));
    return cli.run(crashers, args.toArray(String[]::new));
  }

  /** The 1-based line of flood.go that holds {@code text}. */
  private int floodLine(String text) throws IOException {
    var lines = Files.readAllLines(crashers.resolve("flood.go"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in flood.go");
  }

  /** The last lines HotLSP wrote on stderr (what follows the program's own output). */
  private List<String> stderrTail() throws IOException {
    try (var file = new RandomAccessFile(stderrFile.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      var bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String last(List<String> lines, int fromEnd) {
    return lines.get(lines.size() - 1 - fromEnd);
  }

  @Test
  void aPanicLineOf64MegabytesEndsTheRunWithItsFindingOnTheUsersLine() throws Exception {
    var r = run("hugepanic", "64000000");

    assertEquals(2, r.exitCode(), r::describe);
    var tail = stderrTail();
    assertTrue(last(tail, 0).startsWith("hotlsp: crashed exit=2 "), last(tail, 0));
    var finding = last(tail, 2);
    int line = floodLine("runtime.Stack(stack, false)");
    assertTrue(finding.startsWith("flood.go:" + line + ":2: error: panic: xxxxxxxx"), finding.substring(0, 80));
    // "panic: " and 64,000,000 x's, of which the first 1 MiB of characters is kept
    assertTrue(finding.endsWith("… [62,951,431 more characters] [panic]"), finding.substring(finding.length() - 80));
    // the program's line reached HotLSP's stderr whole: "panic: " and 64,000,000 x's
    assertTrue(Files.size(stderrFile) > 64_000_000 + finding.length(), () -> stderrFile + " is too short");
  }

  @Test
  void aDumpOf300000GoroutinesEndsTheRunWithItsFindingOnTheUsersLine() throws Exception {
    var r = run("manygoroutines", "300000");

    assertEquals(2, r.exitCode(), r::describe);
    var tail = stderrTail();
    assertTrue(last(tail, 0).startsWith("hotlsp: crashed exit=2 "), last(tail, 0));
    int line = floodLine("runtime.Stack(mine, false)");
    String expected = "flood.go:" + line + ":";
    var finding = tail.stream().filter(l -> l.startsWith(expected)).findFirst().orElseThrow(() -> new AssertionError(
        String.join("\n", tail.subList(Math.max(0, tail.size() - 5), tail.size()))));
    assertTrue(finding.endsWith(": error: panic: many goroutines (300000) (… 299,000 more goroutines not read) [panic]"),
        finding);
  }
}
