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
  private final Optional<String> runscVersion;
  private final boolean prlimit;
  private final boolean gnuTime;

  SandboxProbe(boolean root, Optional<String> bwrapProblem, Optional<String> nobodyProblem,
      Optional<CgroupHierarchy> cgroups, String cgroupProblem, Optional<Path> runsc, Optional<String> runscVersion,
      boolean prlimit, boolean gnuTime) {
    this.root = root;
    this.bwrapProblem = bwrapProblem;
    this.nobodyProblem = nobodyProblem;
    this.cgroups = cgroups;
    this.cgroupProblem = cgroupProblem;
    this.runsc = runsc;
    this.runscVersion = runscVersion;
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
    var runsc = RUNSC.stream().filter(Files::isExecutable).findFirst();
    return new SandboxProbe(root, bwrap, nobody, cgroups, cgroupProblem, runsc,
        runsc.flatMap(p -> firstLine(launcher, List.of(p.toString(), "--version"))),
        Files.isExecutable(PRLIMIT), Files.isExecutable(GNU_TIME));
  }

  /** The first line {@code command} prints on stdout, if it exits 0. */
  private static Optional<String> firstLine(ProcessLauncher launcher, List<String> command) {
    try {
      ChildProcess child = launcher.start(new CommandSpec(command, PROBE_ENV, Path.of("/")));
      child.stdin().close();
      var stdout = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stdout()));
      CompletableFuture.runAsync(() -> ChildProcess.readAll(child.stderr()));
      if (child.onExit().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) != 0) {
        return Optional.empty();
      }
      return stdout.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).lines().findFirst().map(String::strip);
    } catch (Exception e) {
      return Optional.empty();
    }
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

  /** Whether HotLSP runs as root (a run then switches to uid 65534). */
  public boolean root() {
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

  /** What {@code runsc --version} says first ({@code runsc version 0.0~20221219.0}), where runsc is installed. */
  public Optional<String> runscVersion() {
    return runscVersion;
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
      out.add(runsc.map(p -> Protection.active("gvisor", p + runscVersion.map(v -> " (" + v + ")").orElse("")
              + ": --rootless do, gVisor's own kernel, no network, writes to an in-memory overlay"))
          .orElseGet(() -> Protection.missing("gvisor", "runsc is not installed", "apt-get install runsc (Debian 12), or use --isolation isolated")));
      // runsc do, not bwrap: gVisor's own kernel and no network, but the host's root as the run's uid reads it
      out.add(Protection.missing("hidden home and workspace", "runsc do shows the host's root read-only (writes go to"
          + " an in-memory overlay): the program reads what its uid may read, home and workspace included",
          "use --isolation isolated to hide them"));
    }
    if (level == Isolation.ISOLATED) {
      out.add(bwrapProblem.map(why -> Protection.missing("namespaces (no network, read-only root, hidden home and workspace)", why,
              "apt-get install bubblewrap; on Ubuntu 24.04+ allow user namespaces for bwrap (AppArmor profile or kernel.apparmor_restrict_unprivileged_userns=0)"))
          .orElseGet(() -> Protection.active("namespaces (no network, read-only root, hidden home and workspace)", "bwrap --unshare-all --die-with-parent --new-session"
              + "; with --network on the program is in the host's network namespace, and so reaches"
              + " the host's abstract unix sockets too (D-Bus, X11)")));
    }
    if (level != Isolation.LOCAL) {
      out.add(nobody() ? Protection.active("unprivileged uid", "uid " + NOBODY + " via setpriv")
          : Protection.missing("unprivileged uid", nobodyProblem.orElse(""), root ? "install util-linux's setpriv" : ""));
    }
    // a local run as root keeps HotLSP's uid: it may leave its cgroup, raise the cgroup's limits and its own rlimits
    String asRoot = level == Isolation.LOCAL && root
        ? " — holds only for a program that does not undo it: running as root, it can " : "";
    String cgroupAsRoot = asRoot.isEmpty() ? "" : asRoot + "move itself out of the cgroup or raise the limit";
    out.add(cgroups.isPresent() ? Protection.active("memory limit", cg + " memory limit (OOM kill recognised from its counter)" + cgroupAsRoot)
        : prlimit ? Protection.active("memory limit", "RLIMIT_DATA per process (no cgroup: " + cgroupProblem + ")"
            + (asRoot.isEmpty() ? "" : asRoot + "raise it"))
        : Protection.missing("memory limit", "no cgroup (" + cgroupProblem + ") and no prlimit", cgFix + "; or install util-linux"));
    boolean nprocWorks = !root || (level != Isolation.LOCAL && nobody());
    out.add(cgroups.isPresent() ? Protection.active("process and thread limit", cg + " pids.max" + cgroupAsRoot)
        : prlimit && nprocWorks ? Protection.active("process and thread limit", "RLIMIT_NPROC per uid (no cgroup: " + cgroupProblem + ")")
        : Protection.missing("process and thread limit",
            "no cgroup (" + cgroupProblem + ")" + (root ? " and RLIMIT_NPROC is ignored for root" : " and no prlimit"), cgFix));
    out.add(cgroups.isPresent() ? Protection.active("kill every process of the run", cg + " (also processes that left the session)"
            + (asRoot.isEmpty() ? "" : asRoot + "move a process out of the cgroup"))
        : Protection.missing("kill every process of the run", "no cgroup: only the process group and tree"
            + (level == Isolation.ISOLATED && bwrap() ? " and the PID namespace" : "") + " are reached", cgFix));
    out.add(cgroups.isPresent() ? Protection.active("CPU time and peak memory", cg + " counters")
        : gnuTime ? Protection.active("CPU time and peak memory", "GNU time (wait4 rusage)")
        : Protection.missing("CPU time and peak memory", "no cgroup and no GNU time", "apt-get install time"));
    out.add(prlimit ? Protection.active("CPU seconds limit", "RLIMIT_CPU via prlimit" + (asRoot.isEmpty() ? "" : asRoot + "raise it"))
        : Protection.missing("CPU seconds limit", PRLIMIT + " is not installed", "apt-get install util-linux"));
    out.add(Protection.active("output cap", "head and tail kept, both pipes always drained"));
    out.add(Protection.active("dies with HotLSP", level == Isolation.LOCAL
        ? "parent-death signal, process group and the launcher's watchdog" + (cgroups.isPresent() ? " (which also empties the run's cgroup)" : "")
        : level == Isolation.GVISOR ? "runsc's sandbox in the run's process group" + (cgroups.isPresent() ? " and cgroup" : "")
            + ", emptied by the launcher's watchdog"
        : "bwrap --die-with-parent, PID namespace, the launcher's watchdog"));
    return List.copyOf(out);
  }
}
