package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.testing.Poll;
import dev.hotlsp.bridge.testing.Scheduling;
import dev.hotlsp.bridge.testing.RecordingLauncher;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Affected targets are built together, by one go build at a time, at a lower CPU priority: the
 * real go on a copy of test-workspaces/fanout, whose go build processes a decorator of the real
 * launcher records.
 */
class FanOutBuildTest {
  static final String ALPHA = "example.com/fanout/cmd/alpha";
  static final String BETA = "example.com/fanout/cmd/beta";
  static final String BETA_V2 = "example.com/fanout/cmd/beta/v2";
  static final String GAMMA = "example.com/fanout/cmd/gamma";
  static final String TOOLS_ALPHA = "example.com/fanout/tools/alpha";

  @TempDir Path tmp;
  private final RecordingLauncher launcher = RecordingLauncher.aroundLocal();
  private final GoToolchain go = launcher.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();
  private Path root;
  private RebuildLoop loop;

  private RebuildLoop start(List<String> flags) throws Exception {
    return start(flags, RebuildConfig.EDITOR_NICENESS);
  }

  private RebuildLoop start(List<String> flags, int niceness) throws Exception {
    root = Workspaces.copy("fanout", tmp);
    var config =
        new RebuildConfig(
            GoWorkspace.detect(root, go),
            List.of(),
            OutputDirectory.of(Workspaces.cache(tmp), root),
            flags,
            false,
            niceness);
    loop = RebuildLoop.start(config, go, listener);
    return loop;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.close();
    }
  }

  @Test
  void aChangeAffectingThreeTargetsBuildsThemInOneGoBuild() throws Exception {
    start(RebuildConfig.DEFAULT_FLAGS);
    edit("internal/greet/greet.go", "\"hello, \"", "\"hi, \"");
    assertEquals(Set.of(ALPHA, BETA, GAMMA), listener.decision(1).targets().keySet());
    for (var target : List.of(ALPHA, BETA, GAMMA)) {
      var result = listener.result(target, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      assertTrue(result.binaryChanged());
    }
    assertEquals(1, launcher.goBuilds().size(), () -> "go builds: " + specs());
    assertEquals("cmd/alpha hi, world", run(ALPHA));
    assertEquals("cmd/beta hi, world", run(BETA));
    assertEquals("cmd/gamma hi, world", run(GAMMA));
  }

  @Test
  void targetsGoWouldGiveTheSameBinaryNameAreBuiltInSeparateGoBuilds() throws Exception {
    start(RebuildConfig.DEFAULT_FLAGS);
    edit("internal/names/names.go", "return program", "return \"<\" + program + \">\"");
    for (var target : List.of(ALPHA, BETA, BETA_V2, TOOLS_ALPHA)) {
      var result = listener.result(target, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      assertTrue(result.binaryChanged());
    }
    assertEquals("<cmd/alpha> hello, world", run(ALPHA));
    assertEquals("<tools/alpha>", run(TOOLS_ALPHA));
    assertEquals("<cmd/beta> hello, world", run(BETA));
    assertEquals("<cmd/beta/v2>", run(BETA_V2));
    assertEquals(2, launcher.goBuilds().size(), () -> "go builds: " + specs());
  }

  @Test
  void aCompileErrorInOneTargetLeavesTheOthersBuiltAndChanged() throws Exception {
    start(RebuildConfig.DEFAULT_FLAGS);
    var greet = write("internal/greet/greet.go", "\"hello, \"", "\"hey, \"");
    var gamma = write("cmd/gamma/main.go", "greet.Hello(\"world\")", "greet.Hello(1)");
    loop.onBatch(
        new ChangeBatch(
            List.of(
                new FileChange(greet, FileChange.Kind.MODIFIED),
                new FileChange(gamma, FileChange.Kind.MODIFIED)),
            false));
    for (var target : List.of(ALPHA, BETA)) {
      var result = listener.result(target, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      assertTrue(result.binaryChanged());
    }
    var failed = listener.result(GAMMA, 1);
    assertFalse(failed.ok());
    assertFalse(failed.binaryChanged());
    assertFalse(failed.errors().isEmpty());
    assertTrue(
        failed.errors().stream().allMatch(e -> e.file().equals(gamma)),
        () -> failed.errors().toString());
    assertEquals(1, launcher.goBuilds().size(), () -> "go builds: " + specs());
    assertEquals("cmd/alpha hey, world", run(ALPHA));
  }

  @Test
  void aNewerChangeStopsTheRunningBuildAndTheNextCoversItsTargetsAndTheNewOnes()
      throws Exception {
    var gate = ToolexecGate.arm();
    start(List.of("-buildvcs=false", "-toolexec=" + gate.wrapper()));
    edit("internal/greet/greet.go", "\"hello, \"", "\"hi, \"");
    long blocked = gate.awaitBlocked();
    assertEquals(1, launcher.goBuilds().size());

    edit("internal/names/names.go", "return program", "return \"<\" + program + \">\"");
    for (var target : List.of(ALPHA, BETA, GAMMA, BETA_V2, TOOLS_ALPHA)) {
      var result = listener.result(target, 1);
      assertTrue(result.ok(), () -> result.errors().toString());
      assertTrue(result.binaryChanged());
    }
    Poll.until(() -> !ToolexecGate.running(blocked), Duration.ofSeconds(10), "blocked tool stops");
    var alpha = listener.result(ALPHA, 1).reason();
    assertTrue(alpha.contains("internal/greet/greet.go") && alpha.contains("internal/names/names.go"), alpha);
    assertEquals("<cmd/alpha> hi, world", run(ALPHA));
    assertEquals("cmd/gamma hi, world", run(GAMMA));
    assertEquals("<tools/alpha>", run(TOOLS_ALPHA));
    assertEquals(3, launcher.goBuilds().size(), () -> "stopped one, then two groups: " + specs());
    loop.build(Set.of(GAMMA), "barrier");
    listener.result(GAMMA, 2);
    assertEquals(
        6,
        listener.events.all().stream().filter(BuildResult.class::isInstance).count(),
        "the stopped build reports nothing");
  }

  @Test
  void goBuildRunsAtALowerCpuPriorityThanTheProxy() throws Exception {
    var gate = ToolexecGate.arm();
    start(List.of("-buildvcs=false", "-toolexec=" + gate.wrapper()));
    edit("internal/greet/greet.go", "\"hello, \"", "\"hi, \"");
    long tool = gate.awaitBlocked();
    var build = launcher.goBuilds().getFirst();
    Poll.until(() -> STARTED.contains(comm(build.pid())), Duration.ofSeconds(10), "go has started");
    int proxy = Scheduling.nice("self");
    assertTrue(Scheduling.nice(Long.toString(build.pid())) > proxy, "go build's nice value is above the proxy's");
    assertTrue(Scheduling.nice(Long.toString(tool)) > proxy, "and so are the tools go runs");
    var group = Path.of("/proc", Long.toString(build.pid()), "autogroup");
    if (Files.exists(group)) { // a session is scheduled as a group: the build's group yields too
      // the proxy competes as its group, or, in the root group (an empty file: a CI runner that
      // gave it no session of its own), as itself
      int proxyGroup = groupNice(Path.of("/proc/self/autogroup")).orElse(proxy);
      int expected = Math.min(19, proxyGroup + 10);
      // unprivileged, a refused change is retried beside the build (NicedGroupTest)
      Poll.until(() -> {
        try {
          return groupNice(group).orElse(-1) == expected;
        } catch (IOException e) {
          return false;
        }
      }, Duration.ofSeconds(5), group + " at nice " + expected);
      assertEquals(OptionalInt.of(expected), groupNice(group), () -> group + ": " + read(group));
    }
  }

  /** The nice value in an autogroup file; none for the root group. */
  private static OptionalInt groupNice(Path autogroup) throws IOException {
    return Scheduling.groupNice(Files.readString(autogroup));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void withoutAnEditorToYieldToGoBuildRunsAtTheProxysPriority() throws Exception {
    var gate = ToolexecGate.arm();
    start(List.of("-buildvcs=false", "-toolexec=" + gate.wrapper()), 0); // hotlsp run --watch
    edit("internal/greet/greet.go", "\"hello, \"", "\"hi, \"");
    long tool = gate.awaitBlocked();
    var build = launcher.goBuilds().getFirst();
    Poll.until(() -> STARTED.contains(comm(build.pid())), Duration.ofSeconds(10), "go has started");
    assertEquals(Scheduling.nice("self"), Scheduling.nice(Long.toString(build.pid())));
    assertEquals(Scheduling.nice("self"), Scheduling.nice(Long.toString(tool)));
  }

  private void edit(String file, String from, String to) throws IOException {
    loop.onBatch(ChangeBatch.of(new FileChange(write(file, from, to), FileChange.Kind.MODIFIED)));
  }

  private Path write(String file, String from, String to) throws IOException {
    var path = root.resolve(file);
    var text = Files.readString(path);
    assertTrue(text.contains(from), () -> file + " has no " + from);
    Files.writeString(path, text.replace(from, to));
    return path;
  }

  /** Runs the target's built binary; its first output line. */
  private String run(String target) throws Exception {
    var binary = listener.result(target, 1).binary();
    var process = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
    var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    return out.strip();
  }

  private List<List<String>> specs() {
    var out = new ArrayList<List<String>>();
    launcher.goBuilds().stream().map(ChildProcess::spec).forEach(s -> out.add(s.command()));
    return out;
  }

  /** What the launched build process is once past the nice wrappers: go, or the build sandbox around it. */
  private static final java.util.Set<String> STARTED = java.util.Set.of("go", "bwrap");

  private static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }


  /**
   * A {@code -toolexec} wrapper that holds the first tool go runs (a {@code sleep}) until it is
   * killed (shared with {@link CancelledBuildTest}); at one fixed path, since go keys its build cache
   * on the command.
   */
  record ToolexecGate(Path wrapper, Path pidFile) {
    static ToolexecGate arm() throws IOException {
      var fixed =
          Files.createDirectories(Workspaces.repo().resolve("gopls-bridge/target/toolexec-gate"));
      var gate = Files.writeString(fixed.resolve("block-once"), "");
      var pidFile = fixed.resolve("blocked.pid");
      Files.deleteIfExists(pidFile);
      var wrapper = fixed.resolve("toolexec.sh");
      Files.writeString(
          wrapper,
          "#!/bin/sh\nif rm '"
              + gate
              + "' 2>/dev/null; then echo $$ > '"
              + pidFile
              + "'; exec sleep 600; fi\nexec \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new ToolexecGate(wrapper, pidFile);
    }

    /** Waits until a tool is held; its pid. */
    long awaitBlocked() throws IOException {
      Poll.until(
          () -> Files.isRegularFile(pidFile) && size(pidFile) > 0,
          RecordingBuildListener.WAIT,
          "blocked build");
      return Long.parseLong(Files.readString(pidFile).strip());
    }

    /** True while {@code pid} exists and is not a zombie. */
    static boolean running(long pid) {
      try {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (IOException e) {
        return false;
      }
    }

    private static long size(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return 0;
      }
    }
  }
}
