package dev.hotlsp.bridge.gotest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.testing.Poll;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real go on test-workspaces/testing, test binaries in the run sandbox. */
class GoTestRunnerTest {
  private static final String M = "example.com/testing/";
  private static LocalProcessLauncher launcher;
  private static GoTestRunner runner;
  @TempDir Path tmp;
  Path root;

  @BeforeAll
  static void runner() {
    launcher = new LocalProcessLauncher();
    var env = System.getenv();
    var go = new GoToolchain(GoToolchain.findGo(env).orElseThrow(), env, launcher);
    var probe = SandboxProbe.probe(launcher);
    runner = new GoTestRunner(go, launcher, () -> probe, Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    launcher.close();
  }

  @BeforeEach
  void copy() throws Exception {
    root = Workspaces.copy("testing", tmp);
  }

  private TestReport run(TestRequest request, TestListener listener) throws Exception {
    return runner.start(request, listener).result().get(120, TimeUnit.SECONDS);
  }

  private static Map<String, PackageResult> byPath(TestReport report) {
    return report.packages().stream().collect(Collectors.toMap(PackageResult::importPath, Function.identity()));
  }

  @Test
  void runsTheWorkspacesTestsIsolatedAndPlacesTheirFailures() throws Exception {
    var told = new CopyOnWriteArrayList<PackageResult>();
    var report = run(TestRequest.of(root, List.of("./failing", "./report", "./broken", "./lib"), Isolation.ISOLATED)
        .withBuildFlags(List.of("-count=1")), told::add);
    assertEquals(report.packages(), told);
    var all = byPath(report);
    assertEquals(PackageStatus.FAIL, all.get(M + "failing").status());
    assertEquals(PackageStatus.PASS, all.get(M + "report").status());
    assertEquals(PackageStatus.PASS, all.get(M + "lib").status());
    assertEquals(PackageStatus.BUILD_FAILED, all.get(M + "broken").status());
    assertEquals(List.of("test-failure:21", "test-failure:28", "test-panic:33"),
        all.get(M + "failing").findings().stream().map(f -> f.code() + ":" + f.line()).toList());
    assertEquals(List.of("build:6"), all.get(M + "broken").findings().stream().map(f -> f.code() + ":" + f.line()).toList());
    assertFalse(report.stopped());
    assertEquals(1, report.exitCode());
    assertFalse(report.toolFailed());
  }

  @Test
  void theSeededEditFailsReportAndNotGreet() throws Exception {
    var lib = root.resolve("lib/lib.go");
    Files.writeString(lib, Files.readString(lib).replace("total += x\n", "total += x * 2\n"));
    var all = byPath(run(TestRequest.of(root, List.of("./report", "./greet"), Isolation.LOCAL), TestListener.NONE));
    assertEquals(PackageStatus.FAIL, all.get(M + "report").status());
    assertEquals(root.resolve("report/report_test.go"), all.get(M + "report").findings().get(0).file());
    assertEquals(8, all.get(M + "report").findings().get(0).line());
    assertEquals(PackageStatus.PASS, all.get(M + "greet").status());
  }

  @Test
  void anIsolatedTestBinaryHasNoNetworkOfOurs() throws Exception {
    var dir = Files.createDirectories(root.resolve("netns"));
    Files.writeString(dir.resolve("netns_test.go"), """
        package netns

        import (
        	"os"
        	"testing"
        )

        func TestNamespace(t *testing.T) {
        	ns, err := os.Readlink("/proc/self/ns/net")
        	t.Log("NETNS=" + ns, err)
        }
        """);
    String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    for (var level : List.of(Isolation.ISOLATED, Isolation.LOCAL)) {
      var report = run(TestRequest.of(root, List.of("./netns"), level).withBuildFlags(List.of("-count=1", "-v")),
          TestListener.NONE);
      var out = report.packages().get(0).output();
      assertTrue(out.contains("NETNS=net:["), out);
      if (level == Isolation.ISOLATED) {
        assertFalse(out.contains("NETNS=" + ours), "isolated: a network namespace of its own: " + out);
      } else {
        assertTrue(out.contains("NETNS=" + ours), "local: HotLSP's network: " + out);
      }
    }
  }

  @Test
  void stopEndsGoAndTheTestBinaries() throws Exception {
    var started = new CopyOnWriteArrayList<String>();
    var listener = new TestListener() {
      @Override
      public void packageDone(PackageResult result) {}

      @Override
      public void testStarted(String importPath, String test) {
        started.add(test);
      }
    };
    var running = runner.start(TestRequest.of(root, List.of("./hang"), Isolation.ISOLATED)
        .withBuildFlags(List.of("-tags", "hang", "-count=1")).withTimeout(Duration.ofMinutes(5)), listener);
    Poll.until(() -> started.contains("TestWaitsB"), Duration.ofSeconds(60), "the hanging tests to start");
    var binaries = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("test.bin")).toList();
    assertFalse(binaries.isEmpty(), "the test binary runs");
    running.stop();
    var report = running.result().get(30, TimeUnit.SECONDS);
    assertTrue(report.stopped());
    assertEquals(PackageStatus.STOPPED, report.packages().get(0).status());
    assertEquals(TestStatus.STOPPED, report.packages().get(0).tests().get(0).status());
    Poll.until(() -> binaries.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(10),
        "the test binaries to end");
  }

  @Test
  void aTimeoutIsATimeout() throws Exception {
    var report = run(TestRequest.of(root, List.of("./hang"), Isolation.LOCAL)
        .withBuildFlags(List.of("-tags", "hang", "-count=1")).withTimeout(Duration.ofSeconds(1)), TestListener.NONE);
    var hang = report.packages().get(0);
    assertEquals(List.of("test-timeout:12", "test-timeout:17"),
        hang.findings().stream().map(f -> f.code() + ":" + f.line()).toList());
    assertNotEquals(0, report.exitCode());
  }

  @Test
  void goArgumentsCarryTheRequest() throws Exception {
    var ws = new dev.hotlsp.bridge.graph.GoWorkspace(root, List.of(root), false);
    var request = TestRequest.of(root, List.of(), Isolation.LOCAL).withRun("^TestX$")
        .withTimeout(Duration.ofSeconds(90)).withBuildFlags(List.of("-race"));
    assertEquals(List.of("-json", "-exec", "/w/test-exec", "-run", "^TestX$", "-timeout", "90000ms", "-race", "./..."),
        GoTestRunner.arguments(request, Path.of("/w/test-exec"), ws, root));
  }
}
