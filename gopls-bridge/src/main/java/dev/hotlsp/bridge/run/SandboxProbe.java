package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What this machine offers a sandboxed run, probed once by running the tools: bubblewrap (and
 * whether user namespaces are allowed), a writable cgroup hierarchy (v2, or v1's memory, pids,
 * cpuacct and freezer), gVisor's {@code runsc}, an unprivileged uid for RLIMIT_NPROC when HotLSP
 * runs as root, {@code prlimit} and GNU {@code time}. {@link #protections} says, per level, what is
 * active and what is missing, why, and the fix. Immutable.
 */
public final class SandboxProbe {
  /** The unprivileged user a run switches to when HotLSP is root (nobody). */
  static final int NOBODY = 65534;

  static final Path BWRAP = Path.of("/usr/bin/bwrap");
  static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
  static final Path GNU_TIME = Path.of("/usr/bin/time");
  static final Path SHELL = Path.of("/bin/sh");
  private static final List<Path> RUNSC = List.of(Path.of("/usr/bin/runsc"), Path.of("/usr/local/bin/runsc"), Path.of("/usr/sbin/runsc"));
  private static final Map<String, String> PROBE_ENV = Map.of("PATH", "/usr/bin:/bin", "LANG", "C");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final boolean root;
  private final Optional<String> bwrapProblem;
  private final Optional<String> nobodyProblem;
  private final Optional<CgroupHierarchy> cgroups;
  private final String cgroupProblem;
  private final Optional<Path> runsc;
  private final boolean prlimit;
  private final boolean gnuTime;

  SandboxProbe(boolean root, Optional<String> bwrapProblem, Optional<String> nobodyProblem,
      Optional<CgroupHierarchy> cgroups, String cgroupProblem, Optional<Path> runsc, boolean prlimit, boolean gnuTime) {
    this.root = root;
    this.bwrapProblem = bwrapProblem;
    this.nobodyProblem = nobodyProblem;
    this.cgroups = cgroups;
    this.cgroupProblem = cgroupProblem;
    this.runsc = runsc;
    this.prlimit = prlimit;
    this.gnuTime = gnuTime;
  }

  /** Probes this machine (a few short processes through {@code launcher}, ~50 ms). */
  public static SandboxProbe probe(ProcessLauncher launcher) {
    boolean root = isRoot();
    var bwrap = bwrapProblem(launcher);
    Optional<String> nobody = Optional.of("HotLSP does not run as root: the run keeps HotLSP's uid");
    if (root) {
      var setpriv = List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--inh-caps=-all");
      nobody = Files.isExecutable(SETPRIV) ? tryRun(launcher, concat(setpriv, List.of("true"))) : Optional.of(SETPRIV + " is not installed");
      if (nobody.isEmpty() && bwrap.isEmpty()) {
        nobody = tryRun(launcher, concat(setpriv,
            List.of(BWRAP.toString(), "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true")))
            .map(why -> "bwrap fails as uid " + NOBODY + ": " + why);
      }
    }
    var detected = CgroupHierarchy.detect(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
    var cgroups = detected.hierarchy();
    String cgroupProblem = detected.reason();
    if (cgroups.isPresent()) {
      var problem = cgroups.get().writable(ProcessHandle.current().pid());
      if (problem.isPresent()) {
        cgroups = Optional.empty();
        cgroupProblem = problem.get();
      }
    }
    return new SandboxProbe(root, bwrap, nobody, cgroups, cgroupProblem,
        RUNSC.stream().filter(Files::isExecutable).findFirst(), Files.isExecutable(PRLIMIT), Files.isExecutable(GNU_TIME));
  }

  /**
   * Why bubblewrap cannot make namespaces here (not installed, user namespaces refused), or empty
   * when it can; one short process through {@code launcher}. The build sandbox asks the same.
   */
  public static Optional<String> bwrapProblem(ProcessLauncher launcher) {
    return Files.isExecutable(BWRAP)
        ? tryRun(launcher, List.of(BWRAP.toString(), "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"))
        : Optional.of(BWRAP + " is not installed");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static boolean isRoot() {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return false;
  }

  /** Runs {@code command}; empty if it exited 0, else what went wrong (its stderr). */
  private static Optional<String> tryRun(ProcessLauncher launcher, List<String> command) {
    try {
      ChildProcess child = launcher.start(new CommandSpec(command, PROBE_ENV, Path.of("/")));
      child.stdin().close();
      var stderr = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()));
      CompletableFuture.runAsync(() -> ChildProcess.readAll(child.stdout()));
      int code = child.onExit().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (code == 0) {
        return Optional.empty();
      }
      return Optional.of("`" + String.join(" ", command) + "` exited " + code + ": "
          + stderr.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).strip());
    } catch (Exception e) {
      return Optional.of("`" + String.join(" ", command) + "` failed: " + e);
    }
  }

  boolean root() {
    return root;
  }

  /** bubblewrap can make namespaces here. */
  boolean bwrap() {
    return bwrapProblem.isEmpty();
  }

  /** HotLSP is root and a run can switch to uid 65534 (also for bwrap). */
  boolean nobody() {
    return root && nobodyProblem.isEmpty();
  }

  Optional<CgroupHierarchy> cgroups() {
    return cgroups;
  }

  Optional<Path> runsc() {
    return runsc;
  }

  boolean prlimit() {
    return prlimit;
  }

  boolean gnuTime() {
    return gnuTime;
  }

  /** The protections a run at {@code level} gets on this machine, active or missing. */
  public List<Protection> protections(Isolation level) {
    var out = new ArrayList<Protection>();
    String cg = cgroups.map(CgroupHierarchy::toString).orElse("");
    String cgFix = "make a cgroup subtree writable for HotLSP (cgroup v2: run it under systemd-run --user --scope -p Delegate=yes; v1: root)";
    if (level == Isolation.GVISOR) {
      out.add(runsc.map(p -> Protection.active("gvisor", p.toString()))
          .orElseGet(() -> Protection.missing("gvisor", "runsc is not installed", "apt-get install runsc (Debian 12), or use --isolation isolated")));
    }
    if (level != Isolation.LOCAL) {
      out.add(bwrapProblem.map(why -> Protection.missing("namespaces (no network, read-only root, hidden home and workspace)", why,
              "apt-get install bubblewrap; on Ubuntu 24.04+ allow user namespaces for bwrap (AppArmor profile or kernel.apparmor_restrict_unprivileged_userns=0)"))
          .orElseGet(() -> Protection.active("namespaces (no network, read-only root, hidden home and workspace)", "bwrap --unshare-all --die-with-parent --new-session")));
      out.add(nobody() ? Protection.active("unprivileged uid", "uid " + NOBODY + " via setpriv")
          : Protection.missing("unprivileged uid", nobodyProblem.orElse(""), root ? "install util-linux's setpriv" : ""));
    }
    out.add(cgroups.isPresent() ? Protection.active("memory limit", cg + " memory limit (OOM kill recognised from its counter)")
        : prlimit ? Protection.active("memory limit", "RLIMIT_DATA per process (no cgroup: " + cgroupProblem + ")")
        : Protection.missing("memory limit", "no cgroup (" + cgroupProblem + ") and no prlimit", cgFix + "; or install util-linux"));
    boolean nprocWorks = !root || (level != Isolation.LOCAL && nobody());
    out.add(cgroups.isPresent() ? Protection.active("process and thread limit", cg + " pids.max")
        : prlimit && nprocWorks ? Protection.active("process and thread limit", "RLIMIT_NPROC per uid (no cgroup: " + cgroupProblem + ")")
        : Protection.missing("process and thread limit",
            "no cgroup (" + cgroupProblem + ")" + (root ? " and RLIMIT_NPROC is ignored for root" : " and no prlimit"), cgFix));
    out.add(cgroups.isPresent() ? Protection.active("kill every process of the run", cg + " (also processes that left the session)")
        : Protection.missing("kill every process of the run", "no cgroup: only the process group and tree"
            + (level != Isolation.LOCAL && bwrap() ? " and the PID namespace" : "") + " are reached", cgFix));
    out.add(cgroups.isPresent() ? Protection.active("CPU time and peak memory", cg + " counters")
        : gnuTime ? Protection.active("CPU time and peak memory", "GNU time (wait4 rusage)")
        : Protection.missing("CPU time and peak memory", "no cgroup and no GNU time", "apt-get install time"));
    out.add(prlimit ? Protection.active("CPU seconds limit", "RLIMIT_CPU via prlimit")
        : Protection.missing("CPU seconds limit", PRLIMIT + " is not installed", "apt-get install util-linux"));
    out.add(Protection.active("output cap", "head and tail kept, both pipes always drained"));
    out.add(Protection.active("dies with HotLSP", level == Isolation.LOCAL
        ? "parent-death signal, process group and the launcher's watchdog" + (cgroups.isPresent() ? " (which also empties the run's cgroup)" : "")
        : "bwrap --die-with-parent, PID namespace, the launcher's watchdog"));
    return List.copyOf(out);
  }
}
