package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.Protection;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.proxy.log.TerminalText;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * {@code hotlsp doctor}: each protection of the chosen level ({@code --isolation}, default
 * {@code local}) and of {@code isolated}, active or missing, with the reason and the fix; exit 0
 * if {@code isolated} is fully available here, 1 otherwise. What the probe quotes (a tool's stderr) is
 * printed with its control characters escaped.
 */
final class DoctorCommand {
  private final PrintStream out;

  DoctorCommand(PrintStream out) {
    this.out = out;
  }

  int run(SandboxProbe probe, Isolation level) {
    return run(probe::protections, level);
  }

  /** {@code protections}: what a run at each level gets here (what the probe found, quoting the tools). */
  int run(Function<Isolation, List<Protection>> protections, Isolation level) {
    var levels = level == Isolation.ISOLATED ? List.of(Isolation.ISOLATED) : List.of(level, Isolation.ISOLATED);
    boolean isolatedComplete = true;
    for (var l : levels) {
      out.println("--isolation " + l.wireName() + ":");
      for (Protection p : protections.apply(l)) {
        out.println(TerminalText.escape("  " + (p.active() ? "active " : "MISSING") + "  " + p.name() + ": " + p.reason()));
        if (!p.active() && !p.fix().isEmpty()) {
          out.println(TerminalText.escape("           fix: " + p.fix()));
        }
        if (l == Isolation.ISOLATED && !p.active()) {
          isolatedComplete = false;
        }
      }
    }
    out.println(isolatedComplete ? "isolated is fully available on this machine"
        : "isolated runs here with what works; the protections marked MISSING are not there");
    return isolatedComplete ? 0 : 1;
  }
}
