package dev.hotlsp.bridge.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.testing.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each child of the launcher leads its own process group, which the watchdog kills: a grandchild
 * that outlived its parent (reparented to init, out of reach of the parent-death signal and of a
 * walk of the tree) dies with its group, with real processes.
 */
class LocalProcessLauncherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** A shell that starts a grandchild, prints its pid, and waits. */
  private static final CommandSpec PARENT_OF_SLEEP = new CommandSpec(
      List.of("/bin/sh", "-c", "sleep 600 & echo $!; wait"), Map.of("PATH", "/usr/bin:/bin"), Path.of("/"));

  private static ProcessWatchdog watchdog() {
    var watchdog = ProcessWatchdog.start(Path.of("/usr/bin/setsid"), Path.of("/bin/sh"));
    assumeTrue(watchdog.isPresent(), "setsid and sh are needed");
    return watchdog.get();
  }

  private static long grandchild(ChildProcess child) throws Exception {
    var line = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8)).readLine();
    return Long.parseLong(line.strip());
  }

  @Test
  void aMissingWorkingDirectoryIsNamedNotTheWrapper(@TempDir Path tmp) throws Exception {
    try (var launcher = new LocalProcessLauncher(true, Optional.of(watchdog()), Optional.empty())) {
      var gone = tmp.resolve("deleted-workspace");
      var e = assertThrows(java.io.IOException.class,
          () -> launcher.start(new CommandSpec(List.of("go", "list"), Map.of(), gone)));
      assertEquals("the working directory " + gone + " does not exist", e.getMessage());
    }
  }

  @Test
  void aChildLeadsItsOwnProcessGroup() throws Exception {
    try (var launcher = new LocalProcessLauncher(true, Optional.of(watchdog()), Optional.empty())) {
      var child = launcher.start(PARENT_OF_SLEEP);
      long sleep = grandchild(child);
      assertEquals(child.pid(), processGroup(sleep), "the grandchild is in the child's group");
    }
  }

  @Test
  void aGrandchildWhoseParentWasKilledDiesWithTheGroup() throws Exception {
    try (var launcher = new LocalProcessLauncher(true, Optional.of(watchdog()), Optional.empty())) {
      var child = launcher.start(PARENT_OF_SLEEP);
      long sleep = grandchild(child);
      ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
      Poll.until(() -> !running(sleep), WAIT, "the orphaned sleep " + sleep + " is killed with its group");
    }
  }

  @Test
  void whenTheWatchdogsPipeClosesEveryRegisteredGroupIsKilled() throws Exception {
    var watchdog = watchdog();
    var launcher = new LocalProcessLauncher(true, Optional.of(watchdog), Optional.empty());
    var child = launcher.start(PARENT_OF_SLEEP);
    long sleep = grandchild(child);

    watchdog.close(); // what the end of HotLSP does to the pipe, however HotLSP ends

    Poll.until(() -> !running(sleep) && !running(child.pid()), WAIT, "the group is killed at end of file");
    Poll.until(() -> !running(watchdog.pid()), WAIT, "the watchdog exits");
    launcher.close();
  }

  @Test
  void childrenShareAScratchTmpdirThatIsRemovedWhenHotlspEnds(@TempDir Path tmp) throws Exception {
    var scratch = Files.createDirectory(tmp.resolve("scratch"));
    var watchdog = watchdog();
    var launcher = new LocalProcessLauncher(true, Optional.of(watchdog), Optional.of(scratch));
    var child = launcher.start(new CommandSpec(List.of("/bin/sh", "-c", "touch \"$TMPDIR/args123\"; echo \"$TMPDIR\""),
        Map.of("PATH", "/usr/bin:/bin", "TMPDIR", "/elsewhere"), Path.of("/")));
    assertEquals(scratch.toString(), new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))
        .readLine());
    child.onExit().get();
    assertTrue(Files.exists(scratch.resolve("args123")));

    watchdog.close(); // HotLSP ended, however

    Poll.until(() -> !Files.exists(scratch), WAIT, "the scratch directory is removed");
    launcher.close();
  }

  /**
   * A user program's process that left its session and group (setsid), so neither the group kill
   * nor the parent-death signal reaches it, is still in its run's cgroup: when HotLSP dies by
   * SIGKILL (a real JVM, {@link RunEscapeeMain}), the watchdog kills every task of the run's cgroup.
   */
  @Test
  void whenHotlspIsKilledAProgramsProcessThatLeftTheSessionDiesThroughItsCgroup(@TempDir Path tmp) throws Exception {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunEscapeeMain.class.getName(), tmp.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      var line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assumeTrue(line != null && !line.startsWith("skip"), "no writable cgroup here: " + line);
      long sleep = Long.parseLong(line.strip());
      assertTrue(running(sleep));

      jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no close; only the watchdog sees the pipe's end

      Poll.until(() -> !running(sleep), WAIT, "the escaped sleep " + sleep + " is killed through the run's cgroup");
    } finally {
      jvm.destroyForcibly();
    }
  }

  private static long processGroup(long pid) throws Exception {
    var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
  }

  /** True while {@code pid} exists and is not a zombie waiting to be reaped. */
  private static boolean running(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
