package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.CommandSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line that runs one program at its isolation level, outermost first, each wrapper
 * exec'ing the next: join the run's cgroup ({@code sh}; without a cgroup a plain {@code sh}), then
 * wait for the gate (its stdin reaching end of file: the runner closes it when the run may go on,
 * so a restart starts the new run's wrappers while the old run stops), GNU {@code time} (only without a cgroup, for
 * wait4's rusage), {@code prlimit} (RLIMIT_CPU; RLIMIT_DATA and RLIMIT_NPROC only without a cgroup;
 * never RLIMIT_AS), {@code setpriv} to uid 65534 (isolated, when HotLSP is root), then {@code bwrap}
 * (isolated) or {@code runsc --rootless do} (gvisor, its temporary files in the run's directory), then the program. Pure: the same inputs give the same
 * command for the same files.
 */
record SandboxCommand(CommandSpec command, boolean usesGnuTime) {
  /** Inside bwrap: where the binary is bound read-only, and the private writable working directory. */
  static final String PROGRAM_INSIDE = "/run/hotlsp/program";

  static final String WORK_INSIDE = "/tmp";
  static final String ERROR_PREFIX = "hotlsp-sandbox: ";
  /** Joins each cgroup.procs given (count first), waits for the gate, then execs the rest. */
  static final String JOIN =
      "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || { echo \"" + ERROR_PREFIX
          + "cannot join cgroup $1\" >&2; exit 125; }; shift; n=$((n-1)); done; " + "read -r _ || :; exec \"$@\"";
  /** Without a cgroup: waits for the gate (end of file on stdin), then execs the rest. */
  static final String GATE = "read -r _ || :; exec \"$@\"";
  /** Variables an isolated run takes from HotLSP's environment (when set). */
  static final List<String> ALLOWED_ENV = List.of("LANG", "LC_ALL", "TZ", "TERM");
  static final String PATH = "/usr/local/bin:/usr/bin:/bin";

  /** Everything the command depends on. {@code program} is the binary (or its copy) to run. */
  record Inputs(
      RunSpec spec,
      Path program,
      Path runDir,
      Optional<RunCgroup> cgroup,
      boolean bwrap,
      boolean root,
      boolean switchUid,
      boolean prlimit,
      boolean gnuTime,
      Optional<Path> runsc,
      Map<String, String> hotlspEnv) {}

  static SandboxCommand of(Inputs in) {
    var spec = in.spec();
    var limits = spec.limits();
    var cmd = new ArrayList<String>();
    in.cgroup().ifPresentOrElse(cg -> {
      cmd.addAll(List.of(SandboxProbe.SHELL.toString(), "-c", JOIN, "hotlsp-join", Integer.toString(cg.procsFiles().size())));
      cg.procsFiles().forEach(f -> cmd.add(f.toString()));
    }, () -> cmd.addAll(List.of(SandboxProbe.SHELL.toString(), "-c", GATE, "hotlsp-gate")));
    boolean time = in.cgroup().isEmpty() && in.gnuTime();
    if (time) {
      cmd.addAll(List.of(SandboxProbe.GNU_TIME.toString(), "-f", "%U %S %M", "-o", rusageFile(in.runDir()).toString(), "--"));
    }
    boolean isolated = spec.isolation() != Isolation.LOCAL;
    var rlimits = rlimits(limits, isolated, in.cgroup().isPresent(), !in.root() || in.switchUid());
    if (!rlimits.isEmpty() && in.prlimit()) {
      cmd.add(SandboxProbe.PRLIMIT.toString());
      cmd.addAll(rlimits);
      cmd.add("--");
    }
    if (isolated && in.switchUid()) {
      int u = SandboxProbe.NOBODY;
      cmd.addAll(List.of(SandboxProbe.SETPRIV.toString(), "--reuid=" + u, "--regid=" + u, "--clear-groups", "--inh-caps=-all", "--"));
    }
    var env = environment(in);
    Path cwd;
    if (spec.isolation() == Isolation.GVISOR && in.runsc().isPresent()) {
      // runsc's bundle goes into the run's directory (removed at its end), not the launcher's scratch,
      // which uid 65534 cannot write; --rootless: runsc makes its own user namespace (needed as uid 65534)
      cmd.addAll(List.of("/usr/bin/env", "TMPDIR=" + runscTemp(in.runDir()), in.runsc().get().toString(), "--rootless",
          "--network=" + (limits.network() ? "host" : "none"), "--ignore-cgroups", "do", "--"));
      cmd.addAll(List.of("/usr/bin/env", "-i"));
      env.forEach((k, v) -> cmd.add(k + "=" + v));
      cmd.add(in.program().toString());
      cwd = work(in.runDir());
    } else if (isolated && in.bwrap()) {
      cmd.addAll(bwrap(in, env));
      cmd.add(PROGRAM_INSIDE);
      cwd = Path.of("/");
    } else if (isolated) {
      cmd.addAll(List.of("/usr/bin/env", "-i"));
      env.forEach((k, v) -> cmd.add(k + "=" + v));
      cmd.add(in.program().toString());
      cwd = work(in.runDir());
    } else {
      cmd.add(in.program().toString());
      cwd = spec.workspaceDir();
    }
    cmd.addAll(spec.args());
    return new SandboxCommand(new CommandSpec(cmd, isolated ? Map.of("PATH", PATH) : env, cwd), time);
  }

  /**
   * {@code prlimit}'s options for {@code limits}: CPU seconds always; memory (RLIMIT_DATA) and
   * processes (RLIMIT_NPROC, only where it binds the program: not root, and not a user whose
   * other processes it would count too — {@code nprocBinds}) only where no cgroup counts them; no
   * core dumps and 4096 files when isolated.
   */
  static List<String> rlimits(RunLimits limits, boolean isolated, boolean cgroup, boolean nprocBinds) {
    var rlimits = new ArrayList<String>();
    limits.cpuSeconds().ifPresent(s -> rlimits.add("--cpu=" + s + ":" + (s + 1)));
    if (!cgroup) {
      limits.memoryBytes().ifPresent(m -> rlimits.add("--data=" + m));
      if (nprocBinds) {
        limits.pids().ifPresent(p -> rlimits.add("--nproc=" + p));
      }
    }
    if (isolated) {
      rlimits.addAll(List.of("--core=0", "--nofile=4096"));
    }
    return rlimits;
  }

  /** The working directory of an isolated run without bwrap (and HOME there). */
  static Path work(Path runDir) {
    return runDir.resolve("work");
  }

  /** runsc's own temporary directory (its bundle and state) under gvisor. */
  static Path runscTemp(Path runDir) {
    return runDir.resolve("runsc");
  }

  static Path rusageFile(Path runDir) {
    return runDir.resolve("rusage");
  }

  private static Map<String, String> environment(Inputs in) {
    var env = new LinkedHashMap<String, String>();
    if (in.spec().isolation() == Isolation.LOCAL) {
      env.putAll(in.hotlspEnv());
    } else {
      env.put("PATH", PATH);
      String home = in.bwrap() && in.spec().isolation() == Isolation.ISOLATED ? WORK_INSIDE : work(in.runDir()).toString();
      env.put("HOME", home);
      env.put("TMPDIR", home);
      for (var name : ALLOWED_ENV) {
        var value = in.hotlspEnv().get(name);
        if (value != null) {
          env.put(name, value);
        }
      }
      env.putIfAbsent("LANG", "C.UTF-8");
    }
    env.putAll(in.spec().env());
    return env;
  }

  private static List<String> bwrap(Inputs in, Map<String, String> env) {
    var spec = in.spec();
    var b = new ArrayList<String>(List.of(SandboxProbe.BWRAP.toString(), "--unshare-all"));
    if (spec.limits().network()) {
      b.add("--share-net");
    }
    b.addAll(List.of("--die-with-parent", "--new-session", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"));
    // the working directory first: a fresh /tmp also hides whatever of the host lives under /tmp
    spec.limits().memoryBytes().ifPresent(m -> b.addAll(List.of("--size", Long.toString(m))));
    b.addAll(List.of("--tmpfs", WORK_INSIDE));
    var hidden = new ArrayList<Path>();
    for (var dir : hiddenDirs(in)) {
      boolean visible = Files.isDirectory(dir) && (!in.switchUid() || reachableByOthers(dir));
      if (visible && !dir.startsWith(WORK_INSIDE) && hidden.stream().noneMatch(dir::startsWith)) {
        hidden.add(dir);
        b.addAll(List.of("--tmpfs", dir.toString()));
      }
    }
    b.addAll(List.of("--ro-bind", in.program().toString(), PROGRAM_INSIDE));
    // the hiding tmpfs are empty and stay so: nothing the program writes there lands anywhere
    hidden.forEach(dir -> b.addAll(List.of("--remount-ro", dir.toString())));
    b.addAll(List.of("--chdir", WORK_INSIDE, "--clearenv"));
    env.forEach((k, v) -> b.addAll(List.of("--setenv", k, v)));
    b.add("--");
    return b;
  }

  /**
   * What an isolated program must not see: homes, the workspace, HotLSP's run root, sockets in
   * /run, temp directories (each hidden under an empty tmpfs, outer ones first).
   */
  private static List<Path> hiddenDirs(Inputs in) {
    var dirs = new ArrayList<Path>(List.of(Path.of("/home"), Path.of("/root"), Path.of("/run"), Path.of("/var/tmp")));
    Optional.ofNullable(in.hotlspEnv().get("HOME")).filter(h -> h.startsWith("/")).map(Path::of).ifPresent(dirs::add);
    dirs.add(in.spec().workspaceDir().toAbsolutePath().normalize());
    dirs.add(in.runDir().getParent());
    dirs.removeIf(d -> d.getNameCount() == 0 || d.equals(Path.of("/tmp")));
    return dirs.stream().sorted((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount())).toList();
  }

  /** Whether a user other than the owner may reach {@code dir} (every directory on the way is o+x). */
  static boolean reachableByOthers(Path dir) {
    for (var d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(d).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (java.io.IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }
}
