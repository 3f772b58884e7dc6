package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.crash.GoOutOfMemory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real programs (test-workspaces/runners) under the real sandbox of this machine: bwrap, cgroups,
 * prlimit. Each case asserts the reason the runner gives and the kernel's figures. A case is
 * skipped only where its protection is missing here (the probe says why).
 */
class RunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long MIB = 1024 * 1024;
  private static Runners fx;
  private static Runner runner;

  @BeforeAll
  static void setUp() throws Exception {
    fx = Runners.build();
    runner = new Runner(fx.launcher, fx.probe, fx.runRoot, Clock.systemUTC(),
        Map.of("PATH", "/usr/bin:/bin", "HOTLSP_HELLO", "from-hotlsp", "HOME", "/root"));
  }

  @AfterAll
  static void tearDown() throws IOException {
    runner.close();
    fx.close();
  }

  private static void assumeCgroups() {
    assumeTrue(fx.probe.cgroups().isPresent(), "no writable cgroup here: " + fx.probe.protections(Isolation.LOCAL));
  }

  private static void assumeBwrap() {
    assumeTrue(fx.probe.bwrap(), "bwrap is not usable here: " + fx.probe.protections(Isolation.ISOLATED));
  }

  private static RunSpec spec(String program, Isolation level, String... args) {
    return RunSpec.of("./cmd/" + program, fx.program(program), List.of(args), fx.workspace, level);
  }

  private static RunResult run(RunSpec spec) throws Exception {
    return runner.start(spec, RunListener.none()).result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aRunsFilesLeftByAKilledHotLspGoWithTheNextRunnersFirstRun() throws Exception {
    var ended = new ProcessBuilder("sleep", "60").start(); // its start time is read while it runs
    long start = dev.hotlsp.bridge.process.OwnedDirs.startTicks(ended.pid()).orElseThrow();
    ended.destroyForcibly().waitFor();
    var left = Files.createDirectory(fx.runRoot.resolve("run-" + ended.pid() + "." + start + "-x"));
    Files.writeString(left.resolve("program"), "a private copy of a binary");
    java.util.Set<Path> before;
    try (Stream<Path> runs = Files.list(fx.runRoot)) {
      before = runs.filter(p -> !p.equals(left)).collect(java.util.stream.Collectors.toSet());
    }
    try (var next = new Runner(fx.launcher, fx.probe, fx.runRoot, Clock.systemUTC(), Map.of("PATH", "/usr/bin:/bin"))) {
      var result = next.start(spec("hello", Isolation.LOCAL), RunListener.none()).result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(EndReason.EXITED, result.reason(), result.toString());
    }
    assertFalse(Files.exists(left));
    try (Stream<Path> runs = Files.list(fx.runRoot)) {
      assertEquals(before, runs.collect(java.util.stream.Collectors.toSet()), "and the run's own files went at its end");
    }
  }

  @Test
  void helloExitsWithItsOutputAndTheKernelsFigures() throws Exception {
    var result = run(spec("hello", Isolation.LOCAL, "a", "b"));
    assertEquals(EndReason.EXITED, result.reason(), result.toString());
    assertEquals(0, result.exitCode());
    assertEquals(OptionalInt.empty(), result.signal());
    assertEquals("hello [a b] from-hotlsp\n", result.stdout());
    assertEquals(0, result.truncatedBytes());
    if (fx.probe.cgroups().isPresent()) {
      assertTrue(result.cpuMs() >= 0, "cpu from the cgroup: " + result);
      assertTrue(result.peakRssKiB() > 100, "peak from the cgroup: " + result);
    }
  }

  @Test
  void aGatedRunWaitsInItsSandboxShellUntilTheGateAndCountsItsStartFromThere() throws Exception {
    var gate = new java.util.concurrent.CompletableFuture<Void>();
    var run = runner.start(spec("hello", Isolation.LOCAL, "a", "b"), RunListener.none(), gate);
    long pid = run.started().pid();
    // the sandbox's first shell blocks reading its stdin (read(0, ...) is syscall 0 on x86-64 and arm64's 63)
    Poll.until(() -> readsStdin(pid), WAIT, "the gated run's shell waiting on its stdin");
    assertTrue(run.isAlive());
    assertTrue(cmdline(pid).startsWith("/bin/sh"), cmdline(pid));
    var released = java.time.Instant.now();
    gate.complete(null);
    var result = run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("hello [a b] from-hotlsp\n", result.stdout(), result.toString());
    assertFalse(run.started().startedAt().isBefore(released), "its start counts from the gate: " + run.started());
  }

  @Test
  void aGatedStartReturnsWithItsWholeSandboxSetUpAndWaitingAtTheGate() throws Exception {
    for (var level : fx.probe.bwrap() ? List.of(Isolation.LOCAL, Isolation.ISOLATED) : List.of(Isolation.LOCAL)) {
      var gate = new java.util.concurrent.CompletableFuture<Void>();
      var run = runner.start(spec("hello", level, "a"), RunListener.none(), gate);
      // no polling here: start returned only once the gate shell (under bwrap: inside its namespaces) waits
      var tree = ProcessHandle.of(run.started().pid()).stream()
          .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())).toList();
      var waiting = tree.stream().filter(h -> readsStdin(h.pid())).toList();
      assertEquals(1, waiting.size(), level + ": one process of " + tree + " waits on its stdin");
      assertTrue(cmdline(waiting.get(0).pid()).contains(" " + SandboxCommand.GATE_NAME + " "), cmdline(waiting.get(0).pid()));
      gate.complete(null);
      var result = run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(EndReason.EXITED, result.reason(), level + ": " + result);
      assertTrue(result.stdout().startsWith("hello [a]"), level + ": " + result);
    }
  }

  private static boolean readsStdin(long pid) {
    try {
      var call = Files.readString(Path.of("/proc/" + pid + "/syscall")).split(" ");
      return call.length > 1 && (call[0].equals("0") || call[0].equals("63")) && call[1].equals("0x0");
    } catch (IOException e) {
      return false;
    }
  }

  private static String cmdline(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
  }

  @Test
  void anExitCodeIsACrashUnderEveryLevel() throws Exception {
    for (var level : fx.probe.bwrap() ? List.of(Isolation.LOCAL, Isolation.ISOLATED) : List.of(Isolation.LOCAL)) {
      var result = run(spec("exit3", level));
      assertEquals(EndReason.CRASHED, result.reason(), level + ": " + result);
      assertEquals(3, result.exitCode(), level + ": " + result);
      assertEquals("out\n", result.stdout(), level + ": " + result);
      assertEquals("err\n", result.stderr(), level + ": " + result);
    }
  }

  @Test
  void anInfiniteLoopEndsByTheTimeout() throws Exception {
    assumeBwrap();
    var limits = RunLimits.defaults(Isolation.ISOLATED).withTimeout(Optional.of(Duration.ofSeconds(2)));
    var result = run(spec("loop", Isolation.ISOLATED).withLimits(limits));
    assertEquals(EndReason.TIMEOUT, result.reason(), result.toString());
    assertTrue(result.wallMs() >= 2000, result.toString());
    assertEquals(OptionalInt.of(15), result.signal(), "Go dies of SIGTERM: " + result);
  }

  @Test
  void anInfiniteLoopEndsByTheCpuLimit() throws Exception {
    assumeTrue(fx.probe.prlimit(), "no prlimit");
    var limits = RunLimits.defaults(Isolation.LOCAL).withCpuSeconds(OptionalLong.of(1));
    var result = run(spec("loop", Isolation.LOCAL).withLimits(limits));
    assertEquals(EndReason.CPU_LIMIT, result.reason(), result.toString());
    assertEquals(OptionalInt.of(9), result.signal(), "Go ignores SIGXCPU; SIGKILL at the hard limit: " + result);
    if (fx.probe.cgroups().isPresent()) {
      assertTrue(result.cpuMs() >= 1000, "at least the limit was used: " + result);
    }
  }

  @Test
  void aMemoryHogIsKilledByTheCgroupAndSaidSo() throws Exception {
    assumeCgroups();
    for (var level : fx.probe.bwrap() ? List.of(Isolation.LOCAL, Isolation.ISOLATED) : List.of(Isolation.LOCAL)) {
      var limits = RunLimits.defaults(level).withMemoryBytes(OptionalLong.of(64 * MIB));
      var result = run(spec("hog", level).withLimits(limits));
      assertEquals(EndReason.MEMORY_LIMIT, result.reason(), level + ": " + result);
      assertEquals(OptionalInt.of(9), result.signal(), "a cgroup OOM kill is a silent SIGKILL: " + result);
      assertFalse(result.stderr().contains("out of memory"), "no Go output: " + result);
      assertTrue(result.peakRssKiB() > 32 * 1024 && result.peakRssKiB() <= 65 * 1024, level + ": peak at the limit: " + result);
    }
  }

  @Test
  void withoutACgroupAMemoryHogHitsRlimitDataAndGoSaysOutOfMemory() throws Exception {
    assumeTrue(fx.probe.prlimit(), "no prlimit");
    var noCgroup = new SandboxProbe(fx.probe.root(), Optional.empty(), Optional.of("not in this test"), Optional.empty(),
        "left out by the test", Optional.empty(), Optional.empty(), true, fx.probe.gnuTime());
    try (var plain = new Runner(fx.launcher, noCgroup, fx.runRoot, Clock.systemUTC(), Map.of("PATH", "/usr/bin:/bin"))) {
      var limits = RunLimits.defaults(Isolation.LOCAL).withMemoryBytes(OptionalLong.of(128 * MIB));
      var result = plain.start(spec("hog", Isolation.LOCAL).withLimits(limits), RunListener.none()).result().get(90, TimeUnit.SECONDS);
      assertEquals(EndReason.MEMORY_LIMIT, result.reason(), result.toString());
      assertTrue(GoOutOfMemory.saidIn(result.stderr()), result.toString());
      assertEquals(2, result.exitCode(), result.toString());
      if (fx.probe.gnuTime()) {
        assertTrue(result.peakRssKiB() > 32 * 1024 && result.peakRssKiB() < 160 * 1024, "GNU time's rusage: " + result);
        assertTrue(result.cpuMs() >= 0, "GNU time's rusage: " + result);
      }
    }
  }

  @Test
  void aForkBombIsContainedAndLeavesNothing() throws Exception {
    assumeCgroups();
    for (var level : fx.probe.bwrap() ? List.of(Isolation.LOCAL, Isolation.ISOLATED) : List.of(Isolation.LOCAL)) {
      var limits = RunLimits.defaults(level).withPids(OptionalInt.of(64)).withTimeout(Optional.of(Duration.ofSeconds(3)));
      var run = runner.start(spec("forkbomb", level).withLimits(limits), RunListener.none());
      var cgroupDirs = List.copyOf(fx.probe.cgroups().get().parents(ProcessHandle.current().pid())).stream()
          .map(p -> p.resolve(run.started().runId())).toList();
      var result = run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      // the bomb runs into the task limit: either its Go runtime cannot make a thread and dies, or it
      // keeps failing to fork until the timeout
      boolean threadLimit = result.reason() == EndReason.CRASHED && result.stderr().contains("fatal error: newosproc");
      assertTrue(threadLimit || result.reason() == EndReason.TIMEOUT, level + ": the bomb ran until a limit: " + result);
      assertTrue(result.stderr().startsWith("fork "), level + ": it did fork: " + result);
      for (var dir : cgroupDirs) {
        assertFalse(Files.exists(dir), level + ": the run's cgroup is gone (it had to be empty): " + dir);
      }
      assertEquals(List.<Long>of(), processesRunning(fx.program("forkbomb")), level + ": no copy of the bomb is left");
    }
  }

  @Test
  void aThreadStormEndsAtTheTaskLimit() throws Exception {
    assumeCgroups();
    var limits = RunLimits.defaults(Isolation.LOCAL).withPids(OptionalInt.of(64)).withTimeout(Optional.of(Duration.ofSeconds(60)));
    var result = run(spec("threads", Isolation.LOCAL).withLimits(limits));
    assertEquals(EndReason.CRASHED, result.reason(), result.toString());
    assertTrue(result.stderr().contains("failed to create new OS thread") || result.stderr().contains("newosproc"),
        "Go says the thread limit was hit: " + result);
  }

  @Test
  void aGibibyteFloodIsCappedAndThePanicAfterItSurvives() throws Exception {
    var seen = new AtomicLong();
    var listener = new RunListener() {
      @Override
      public void output(String runId, StdStream stream, byte[] bytes, int len) {
        if (stream == StdStream.STDOUT) {
          seen.addAndGet(len);
        }
      }

      @Override
      public void ended(RunResult result) {}
    };
    var result = runner.start(spec("flood", Isolation.LOCAL), listener).result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long gib = 1L << 30;
    assertEquals(EndReason.CRASHED, result.reason(), result.toString());
    assertEquals(2, result.exitCode());
    assertEquals(gib, seen.get(), "the listener saw every byte as it came");
    long keptStdout = MIB / 2;
    assertEquals(gib - keptStdout, result.truncatedBytes(), "only head and tail of stdout were kept");
    assertTrue(result.stdoutHead().startsWith("xxxx") && result.stdoutTail().endsWith("x\n"), "head and tail of the flood");
    assertTrue(result.stderr().contains("panic: after the flood"), result.stderr());
  }

  @Test
  void aTraceAfterAnStderrFloodIsInTheTail() throws Exception {
    var result = run(spec("flood", Isolation.LOCAL, "stderr", Long.toString(64 * MIB)));
    assertEquals(EndReason.CRASHED, result.reason(), result.toString());
    assertTrue(result.stderrHead().startsWith("xxxx"), "the head is the start of the flood");
    assertTrue(result.stderrTail().contains("panic: after the flood") && result.stderrTail().contains("goroutine 1 [running]"),
        "the whole trace is in the tail: " + result.stderrTail().substring(Math.max(0, result.stderrTail().length() - 400)));
    assertTrue(result.truncatedBytes() > 63 * MIB, result.toString());
  }

  @Test
  void aDialWorksUnderLocalAndFailsUnderIsolated() throws Exception {
    assumeBwrap();
    try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String addr = "127.0.0.1:" + server.getLocalPort();
      var local = run(spec("dial", Isolation.LOCAL, addr));
      assertEquals(EndReason.EXITED, local.reason(), local.toString());
      assertTrue(local.stdout().contains("ok " + addr), local.stdout());

      var isolated = run(spec("dial", Isolation.ISOLATED, addr));
      assertEquals(EndReason.CRASHED, isolated.reason(), isolated.toString());
      assertTrue(isolated.stdout().contains("fail " + addr), isolated.stdout());
      assertEquals(List.of("iface lo"), isolated.stdout().lines().filter(l -> l.startsWith("iface ")).toList(),
          "no network interface but loopback: " + isolated.stdout());
    }
  }

  @Test
  void writesToTheWorkspaceAndToRootFailUnderIsolated() throws Exception {
    assumeBwrap();
    var result = run(spec("writer", Isolation.ISOLATED, fx.workspace.toString(), fx.workspace.getParent().toString(), "/root", "/home"));
    assertEquals(EndReason.EXITED, result.reason(), "every write outside the working directory failed: " + result.stdout());
    assertTrue(result.stdout().contains("wrote hotlsp-writer-was-here"), "its own directory is writable: " + result.stdout());
    try (Stream<Path> files = Files.list(fx.workspace)) {
      assertEquals(List.of(), files.toList(), "the workspace is untouched");
    }
    assertFalse(Files.exists(Path.of("/hotlsp-writer-was-here")));
  }

  @Test
  void theEnvironmentIsClearedUnderIsolated() throws Exception {
    assumeBwrap();
    var result = run(spec("hello", Isolation.ISOLATED).withEnv(Map.of()));
    assertEquals("hello [] \n", result.stdout(), "HotLSP's variables do not reach the program");
    var given = run(spec("hello", Isolation.ISOLATED).withEnv(Map.of("HOTLSP_HELLO", "given")));
    assertEquals("hello [] given\n", given.stdout(), "--env does");
  }

  @Test
  void anIsolatedProgramRunsAsNobodyWhenHotlspIsRoot() throws Exception {
    assumeBwrap();
    assumeTrue(fx.probe.nobody(), "HotLSP is not root here, or uid 65534 is not usable: " + fx.probe.protections(Isolation.ISOLATED));
    var result = run(RunSpec.of("id", Path.of("/usr/bin/id"), List.of("-u"), fx.workspace, Isolation.ISOLATED));
    assertEquals("65534\n", result.stdout(), result.toString());
  }

  @Test
  void aProgramThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    for (var level : fx.probe.bwrap() ? List.of(Isolation.LOCAL, Isolation.ISOLATED) : List.of(Isolation.LOCAL)) {
      var started = new java.util.concurrent.CompletableFuture<Void>();
      var run = runner.start(spec("noterm", level).withGrace(Duration.ofMillis(500)), new RunListener() {
        @Override
        public void output(String runId, StdStream stream, byte[] bytes, int len) {
          if (Runners.text(bytes, len).contains("ignoring SIGTERM")) {
            started.complete(null);
          }
        }

        @Override
        public void ended(RunResult result) {}
      });
      started.get(30, TimeUnit.SECONDS);
      run.stop(EndReason.STOPPED);
      assertTrue(run.result().isDone(), "stop returns once the run has ended");
      var result = run.result().get();
      assertEquals(EndReason.STOPPED, result.reason(), level + ": " + result);
      assertEquals(OptionalInt.of(9), result.signal(), level + ": " + result);
      assertTrue(result.wallMs() >= 500, level + ": the grace was given: " + result);
      assertFalse(ProcessHandle.of(run.started().pid()).map(ProcessHandle::isAlive).orElse(false));
      assertEquals(List.<Long>of(), processesRunning(fx.program("noterm")), level.toString());
    }
  }

  @Test
  void aStoppedServerFreesItsPortBeforeStopReturns() throws Exception {
    int port;
    try (var probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    var run = runner.start(spec("server", Isolation.LOCAL, Integer.toString(port)), RunListener.none());
    var http = HttpClient.newHttpClient();
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build();
    Poll.until(() -> answers(http, request), WAIT, "the server answers");
    assertEquals("v1\n", http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    run.stop(EndReason.KILLED_BY_RESTART);
    var result = run.result().get();
    assertEquals(EndReason.KILLED_BY_RESTART, result.reason(), result.toString());
    assertEquals(OptionalInt.of(15), result.signal(), result.toString());
    try (var again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort(), "the port is free once stop returned");
    }
  }

  @Test
  void gvisorWithoutRunscIsASandboxErrorNotAFake() {
    var noRunsc = new SandboxProbe(fx.probe.root(), Optional.empty(), Optional.of("not in this test"), Optional.empty(),
        "left out by the test", Optional.empty(), Optional.empty(), true, fx.probe.gnuTime());
    try (var plain = new Runner(fx.launcher, noRunsc, fx.runRoot, Clock.systemUTC(), Map.of("PATH", "/usr/bin:/bin"))) {
      var error = assertThrows(SandboxUnavailableException.class, () -> plain.start(spec("hello", Isolation.GVISOR), RunListener.none()));
      assertTrue(error.getMessage().contains("runsc"), error.getMessage());
    }
    var gvisor = noRunsc.protections(Isolation.GVISOR).getFirst();
    assertEquals("gvisor", gvisor.name());
    assertFalse(gvisor.active());
  }

  private static void assumeGvisor() {
    assumeTrue(fx.probe.runsc().isPresent(), "runsc is not installed here (./dev setup installs it)");
  }

  /** Everything in the runs' root and every runsc bundle in the temporary directories: what a run could leave. */
  private static List<Path> leftovers() throws IOException {
    var out = new java.util.ArrayList<Path>();
    var dirs = new java.util.ArrayList<>(List.of(fx.runRoot, Path.of(System.getProperty("java.io.tmpdir"))));
    fx.launcher.scratch().ifPresent(dirs::add);
    for (var dir : dirs) {
      try (Stream<Path> in = Files.list(dir)) {
        in.filter(p -> dir.equals(fx.runRoot) || p.getFileName().toString().startsWith("runsc-")).forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void gvisorRunsAProgramWithItsOwnEnvironmentAndLeavesNothing() throws Exception {
    assumeGvisor();
    var before = leftovers();
    var result = run(spec("hello", Isolation.GVISOR, "a", "b"));
    assertEquals(EndReason.EXITED, result.reason(), result.toString());
    assertEquals("hello [a b] \n", result.stdout(), "HotLSP's environment stays out: " + result);
    var crash = run(spec("exit3", Isolation.GVISOR));
    assertEquals(EndReason.CRASHED, crash.reason(), crash.toString());
    assertEquals(3, crash.exitCode());
    assertEquals("err\n", crash.stderr(), crash.toString());
    assertEquals(before, leftovers(), "no run directory, no runsc bundle");
  }

  @Test
  void gvisorHasNoNetwork() throws Exception {
    assumeGvisor();
    try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var addr = "127.0.0.1:" + server.getLocalPort();
      var result = run(spec("dial", Isolation.GVISOR, addr));
      assertEquals(1, result.exitCode(), result.toString());
      assertTrue(result.stdout().startsWith("fail " + addr), result.toString());
      assertEquals(List.of("iface lo"), result.stdout().lines().filter(l -> l.startsWith("iface")).toList(), result.toString());
    }
  }

  @Test
  void gvisorKeepsTheMemoryLimit() throws Exception {
    assumeGvisor();
    assumeCgroups();
    var limits = RunLimits.defaults(Isolation.GVISOR).withMemoryBytes(OptionalLong.of(64 * MIB));
    var result = run(spec("hog", Isolation.GVISOR).withLimits(limits));
    assertEquals(EndReason.MEMORY_LIMIT, result.reason(), result.toString());
    assertTrue(result.peakRssKiB() <= 65 * 1024, "sandbox and program within the limit: " + result);
  }

  @Test
  void gvisorEndsByTheTimeoutWithTheStopSignalPassedOn() throws Exception {
    assumeGvisor();
    var limits = RunLimits.defaults(Isolation.GVISOR).withTimeout(Optional.of(Duration.ofSeconds(2)));
    var result = run(spec("loop", Isolation.GVISOR).withLimits(limits));
    assertEquals(EndReason.TIMEOUT, result.reason(), result.toString());
    assertEquals(OptionalInt.of(15), result.signal(), "runsc passed SIGTERM on, Go died of it: " + result);
  }

  @Test
  void aGvisorProgramIsStoppedForARestartAndStartsAgain() throws Exception {
    assumeGvisor();
    for (int instance = 1; instance <= 2; instance++) {
      var listening = new java.util.concurrent.CompletableFuture<Void>();
      var listener = new RunListener() {
        @Override
        public void output(String runId, StdStream stream, byte[] bytes, int len) {
          if (Runners.text(bytes, len).contains("listening on")) {
            listening.complete(null);
          }
        }

        @Override
        public void ended(RunResult result) {}
      };
      var run = runner.start(spec("server", Isolation.GVISOR, "8080"), listener);
      listening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(run.isAlive());
      run.stop(EndReason.KILLED_BY_RESTART);
      var result = run.result().get();
      assertEquals(EndReason.KILLED_BY_RESTART, result.reason(), instance + ": " + result);
      assertEquals(OptionalInt.of(15), result.signal(), instance + ": the program got SIGTERM, not the grace's SIGKILL: " + result);
      assertFalse(ProcessHandle.of(run.started().pid()).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  @Test
  void theProbeSaysWhatThisMachineOffers() {
    for (var level : Isolation.values()) {
      for (var p : fx.probe.protections(level)) {
        assertFalse(p.reason().isBlank() && !p.active(), level + ": a missing protection says why: " + p);
      }
    }
    // CI is this kind of machine: root, bwrap from ./dev, cgroup v1 writable
    assertEquals(fx.probe.bwrap(), fx.probe.protections(Isolation.ISOLATED).stream()
        .filter(p -> p.name().startsWith("namespaces")).findFirst().orElseThrow().active());
  }

  private static boolean answers(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Live processes running {@code program}, or a run's copy of a program (in the run root or inside bwrap). */
  static List<Long> processesRunning(Path program) {
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().command().map(c -> c.equals(program.toString()) || c.equals(SandboxCommand.PROGRAM_INSIDE)
            || c.startsWith(fx.runRoot.toString())).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }
}
