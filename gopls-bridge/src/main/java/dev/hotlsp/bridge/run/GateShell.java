package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Finds a run's gate shell ({@link SandboxCommand#GATE}) blocked reading its stdin, from /proc:
 * the sign that every wrapper before the program has run. Linux only; elsewhere never found.
 */
final class GateShell {
  private GateShell() {}

  /** Whether {@code root} or one of its descendants is the gate shell, waiting in read(0, ...). */
  static boolean waitingUnder(long root) {
    var todo = new ArrayDeque<Long>();
    todo.add(root);
    for (int seen = 0; !todo.isEmpty() && seen < 64; seen++) {
      long pid = todo.poll();
      if (waiting(pid)) {
        return true;
      }
      var children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
      if (Files.exists(children)) {
        for (var child : read(children).split(" ")) {
          if (!child.isBlank()) {
            todo.add(Long.parseLong(child.strip()));
          }
        }
      } else { // a kernel without CONFIG_PROC_CHILDREN: the JDK scans /proc instead
        ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(c -> todo.add(c.pid())));
      }
    }
    return false;
  }

  /** Whether {@code pid} is a gate shell blocked reading fd 0 (read is syscall 0 on x86-64, 63 on arm64). */
  static boolean waiting(long pid) {
    var proc = Path.of("/proc", Long.toString(pid));
    var args = read(proc.resolve("cmdline")).split("\0");
    if (args.length < 4 || !args[0].equals(SandboxProbe.SHELL.toString()) || !args[3].equals(SandboxCommand.GATE_NAME)) {
      return false;
    }
    var call = read(proc.resolve("syscall")).split(" ");
    return call.length > 1 && (call[0].equals("0") || call[0].equals("63")) && call[1].equals("0x0");
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return "";
    }
  }
}
