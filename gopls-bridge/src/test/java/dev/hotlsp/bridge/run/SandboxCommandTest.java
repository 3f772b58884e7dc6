package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The shape of the sandbox's command line per level (pure: no process is started). */
class SandboxCommandTest {
  private static final Path BIN = Path.of("/cache/builds/x/server");
  private static final Path RUN_DIR = Path.of("/var/lib/hotlsp-runs/1-abcd");
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin", "SECRET", "s", "LANG", "de_DE.UTF-8", "HOME", "/home/dev");

  private static SandboxCommand command(Isolation level, RunLimits limits, Optional<RunCgroup> cgroup, boolean root, boolean switchUid) {
    var spec = RunSpec.of("./cmd/server", BIN, List.of("8080"), Path.of("/home/dev/ws"), level).withLimits(limits).withEnv(Map.of("K", "V"));
    return SandboxCommand.of(new SandboxCommand.Inputs(spec, switchUid ? RUN_DIR.resolve("program") : BIN, RUN_DIR, cgroup,
        true, root, switchUid, true, true, Optional.empty(), ENV));
  }

  private static RunCgroup cgroup() {
    return new RunCgroup(1, Map.of("memory", Path.of("/sys/fs/cgroup/memory/hotlsp/1/r"), "pids", Path.of("/sys/fs/cgroup/pids/hotlsp/1/r")));
  }

  @Test
  void gvisorIsRootlessRunscWithItsBundleInTheRunsDirectory() {
    var spec = RunSpec.of("./cmd/server", BIN, List.of("8080"), Path.of("/home/dev/ws"), Isolation.GVISOR);
    var c = SandboxCommand.of(new SandboxCommand.Inputs(spec, RUN_DIR.resolve("program"), RUN_DIR, Optional.of(cgroup()),
        true, true, true, true, true, Optional.of(Path.of("/usr/bin/runsc")), ENV)).command();
    var line = c.command();
    int runsc = line.indexOf("/usr/bin/runsc");
    assertEquals(List.of("/usr/bin/env", "TMPDIR=" + RUN_DIR.resolve("runsc")), line.subList(runsc - 2, runsc),
        "runsc's bundle goes with the run's directory: " + line);
    assertEquals(List.of("--rootless", "--network=none", "--ignore-cgroups", "do", "--", "/usr/bin/env", "-i"),
        line.subList(runsc + 1, runsc + 8), "a user namespace of runsc's own, as uid 65534 needs: " + line);
    assertTrue(line.indexOf(SandboxProbe.SETPRIV.toString()) < runsc, "uid 65534 first: " + line);
    assertFalse(line.contains(SandboxProbe.BWRAP.toString()), line.toString());
    assertFalse(line.stream().anyMatch(a -> a.startsWith("SECRET=")), "HotLSP's environment stays out: " + line);
    assertEquals(List.of(RUN_DIR.resolve("program").toString(), "8080"), line.subList(line.size() - 2, line.size()));
    assertEquals(RUN_DIR.resolve("work"), c.workingDirectory());
    var online = SandboxCommand.of(new SandboxCommand.Inputs(spec.withLimits(RunLimits.defaults(Isolation.GVISOR).withNetwork(true)),
        BIN, RUN_DIR, Optional.empty(), true, false, false, true, true, Optional.of(Path.of("/usr/bin/runsc")), ENV)).command().command();
    assertTrue(online.contains("--network=host"), online.toString());
  }

  @Test
  void neverRlimitAs() {
    for (var level : List.of(Isolation.LOCAL, Isolation.ISOLATED)) {
      for (var cg : List.of(Optional.<RunCgroup>empty(), Optional.of(cgroup()))) {
        var line = command(level, RunLimits.defaults(level), cg, true, false).command().command();
        assertFalse(line.stream().anyMatch(a -> a.startsWith("--as")), "RLIMIT_AS breaks Go: " + line);
      }
    }
  }

  @Test
  void localRunsTheBinaryInTheWorkspaceWithHotlspsEnvironmentInItsCgroup() {
    var c = command(Isolation.LOCAL, RunLimits.defaults(Isolation.LOCAL), Optional.of(cgroup()), true, false).command();
    assertEquals(Path.of("/home/dev/ws"), c.workingDirectory());
    assertEquals("s", c.environment().get("SECRET"));
    assertEquals("V", c.environment().get("K"));
    assertEquals(List.of("/bin/sh", "-c", SandboxCommand.JOIN, "hotlsp-join", "2"), c.command().subList(0, 5));
    assertEquals(List.of(BIN.toString(), "8080"), c.command().subList(c.command().size() - 2, c.command().size()));
    assertFalse(c.command().contains("--data=" + 2048L * 1024 * 1024), "the cgroup limits memory, not RLIMIT_DATA");
  }

  @Test
  void withoutACgroupMemoryIsRlimitDataAndNprocOnlyWhereItCounts() {
    var limits = RunLimits.defaults(Isolation.LOCAL).withMemoryBytes(OptionalLong.of(256L << 20));
    var root = command(Isolation.LOCAL, limits, Optional.empty(), true, false).command().command();
    assertTrue(root.contains("--data=" + (256L << 20)), root.toString());
    assertFalse(root.stream().anyMatch(a -> a.startsWith("--nproc")), "RLIMIT_NPROC is ignored for root: " + root);
    assertTrue(root.contains(SandboxProbe.GNU_TIME.toString()), "rusage from GNU time: " + root);
    var user = command(Isolation.LOCAL, limits, Optional.empty(), false, false).command().command();
    assertTrue(user.contains("--nproc=4096"), user.toString());
    var nobody = command(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED), Optional.empty(), true, true).command().command();
    assertTrue(nobody.contains("--nproc=256") && nobody.contains("--reuid=65534"), nobody.toString());
  }

  @Test
  void isolatedIsBwrapWithoutNetworkOnAReadOnlyRootWithAnAllowListedEnvironment() {
    var c = command(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED), Optional.of(cgroup()), true, true).command();
    var line = c.command();
    int bwrap = line.indexOf(SandboxProbe.BWRAP.toString());
    assertTrue(bwrap > line.indexOf("--reuid=65534"), "bwrap runs as uid 65534: " + line);
    assertTrue(line.containsAll(List.of("--unshare-all", "--die-with-parent", "--new-session", "--clearenv")), line.toString());
    assertFalse(line.contains("--share-net"), line.toString());
    assertTrue(line.contains("--cpu=60:61"), "RLIMIT_CPU, SIGKILL a second after SIGXCPU: " + line);
    String args = String.join(" ", line);
    assertTrue(args.contains("--ro-bind / /"), args);
    assertTrue(args.contains("--ro-bind " + RUN_DIR.resolve("program") + " " + SandboxCommand.PROGRAM_INSIDE), args);
    assertTrue(args.contains("--setenv K V") && args.contains("--setenv LANG de_DE.UTF-8") && args.contains("--setenv HOME /tmp"), args);
    assertFalse(args.contains("SECRET"), args);
    assertEquals(List.of(SandboxCommand.PROGRAM_INSIDE, "8080"), line.subList(line.size() - 2, line.size()));
    var withNet = command(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED).withNetwork(true), Optional.empty(), true, true);
    assertTrue(withNet.command().command().contains("--share-net"));
  }

  @Test
  void theGateIsTheLastWrapperSoARestartSetsUpTheWholeSandboxWhileTheOldRunServes() {
    for (var level : List.of(Isolation.LOCAL, Isolation.ISOLATED)) {
      for (var cg : List.of(Optional.<RunCgroup>empty(), Optional.of(cgroup()))) {
        for (boolean bwrap : List.of(true, false)) {
          var spec = RunSpec.of("./cmd/server", BIN, List.of("8080"), Path.of("/home/dev/ws"), level)
              .withLimits(RunLimits.defaults(level));
          var line = SandboxCommand.of(new SandboxCommand.Inputs(spec, BIN, RUN_DIR, cg, bwrap, true, level != Isolation.LOCAL,
              true, true, Optional.empty(), ENV)).command().command();
          String what = level + " cgroup=" + cg.isPresent() + " bwrap=" + bwrap + ": " + line;
          int program = line.size() - 2;
          assertEquals(List.of(SandboxProbe.SHELL.toString(), "-c"), line.subList(program - 4, program - 2), what);
          assertTrue(line.get(program - 2).startsWith("read -r _ || :;"), what);
          assertEquals(SandboxCommand.GATE_NAME, line.get(program - 1), "the gate execs the program itself: " + what);
          assertEquals(1, line.stream().filter(a -> a.contains("read -r")).count(), "one gate: " + what);
        }
      }
    }
  }

  @Test
  void anIsolatedGateAddsNoPwdToTheClearedEnvironment() {
    var line = command(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED), Optional.empty(), true, true).command().command();
    assertTrue(line.contains(SandboxCommand.CLEAN_GATE), line.toString());
    var local = command(Isolation.LOCAL, RunLimits.defaults(Isolation.LOCAL), Optional.empty(), true, false).command().command();
    assertTrue(local.contains(SandboxCommand.GATE), local.toString());
  }
}
