package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.Protection;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.BuildSandbox;
import dev.hotlsp.proxy.log.TerminalText;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code hotlsp doctor}: whether go commands run in the build sandbox, then each protection of the
 * chosen level ({@code --isolation}, default {@code local}) and of {@code isolated}, active or
 * missing, with the reason and the fix; exit 0 if {@code isolated} is fully available here, 1
 * otherwise. What the probe quotes (a tool's stderr) is printed with its control characters escaped.
 */
final class DoctorCommand {
  private final PrintStream out;

  DoctorCommand(PrintStream out) {
    this.out = out;
  }

  int run(SandboxProbe probe, Isolation level) {
    return run(probe::protections, level, Optional.empty());
  }

  /** As {@link #run(SandboxProbe, Isolation)}, first saying where go commands run ({@code builds}: empty without go). */
  int run(SandboxProbe probe, Isolation level, Optional<BuildSandbox> builds) {
    return run(probe::protections, level, builds);
  }

  /**
   * {@code protections}: what a run at each level gets here (what the probe found, quoting the
   * tools); {@code builds}: where go commands run (empty without go).
   */
  int run(Function<Isolation, List<Protection>> protections, Isolation level, Optional<BuildSandbox> builds) {
    out.println("go commands (builds, go list, gopls's go):");
    builds.ifPresentOrElse(b -> {
      if (b.problem().isEmpty()) {
        out.println(TerminalText.escape("  active   build sandbox: " + b));
      } else {
        out.println(TerminalText.escape("  MISSING  build sandbox: " + b.problem().get()
            + " (go commands run as HotLSP: a workspace's cgo flags can read any file HotLSP can)"));
        out.println("           fix: apt-get install bubblewrap; on Ubuntu 24.04+ allow user namespaces for bwrap");
      }
    }, () -> out.println("  MISSING  build sandbox: go is not on PATH"));
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
