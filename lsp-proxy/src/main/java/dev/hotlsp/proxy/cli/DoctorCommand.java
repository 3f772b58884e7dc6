package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.Protection;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.BuildSandbox;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code hotlsp doctor}: whether go commands run in the build sandbox, then each protection of the
 * chosen level ({@code --isolation}, default {@code local}) and of {@code isolated}, active or
 * missing, with the reason and the fix; exit 0 if {@code isolated} is fully available here, 1
 * otherwise.
 */
final class DoctorCommand {
  private final PrintStream out;

  DoctorCommand(PrintStream out) {
    this.out = out;
  }

  int run(SandboxProbe probe, Isolation level) {
    return run(probe, level, Optional.empty());
  }

  /** As {@link #run(SandboxProbe, Isolation)}, first saying where go commands run ({@code builds}: empty without go). */
  int run(SandboxProbe probe, Isolation level, Optional<BuildSandbox> builds) {
    out.println("go commands (builds, go list, gopls's go):");
    builds.ifPresentOrElse(b -> {
      if (b.problem().isEmpty()) {
        out.println("  active   build sandbox: " + b);
      } else {
        out.println("  MISSING  build sandbox: " + b.problem().get()
            + " (go commands run as HotLSP: a workspace's cgo flags can read any file HotLSP can)");
        out.println("           fix: apt-get install bubblewrap; on Ubuntu 24.04+ allow user namespaces for bwrap");
      }
    }, () -> out.println("  MISSING  build sandbox: go is not on PATH"));
    var levels = level == Isolation.ISOLATED ? List.of(Isolation.ISOLATED) : List.of(level, Isolation.ISOLATED);
    boolean isolatedComplete = true;
    for (var l : levels) {
      out.println("--isolation " + l.wireName() + ":");
      for (Protection p : probe.protections(l)) {
        out.println("  " + (p.active() ? "active " : "MISSING") + "  " + p.name() + ": " + p.reason());
        if (!p.active() && !p.fix().isEmpty()) {
          out.println("           fix: " + p.fix());
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
