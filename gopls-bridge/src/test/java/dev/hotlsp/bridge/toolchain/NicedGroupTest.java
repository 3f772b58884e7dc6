package dev.hotlsp.bridge.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.testing.Scheduling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Niced go commands started together each get their group's nice value, as an unprivileged user:
 * the kernel refuses (EAGAIN) a second change of any group's nice value within 100 ms unless the
 * writer has CAP_SYS_ADMIN, and an edit starts a build, a staleness probe and a graph reload at once.
 * (The commands start at once; a group is niced within a second.)
 */
class NicedGroupTest {
  private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");
  private static final String WAIT_FOR_GROUP =
      "i=0; while [ $i -lt 40 ] && [ \"$(cut -d' ' -f3 /proc/self/autogroup)\" = 0 ]; do i=$((i+1)); sleep 0.05; done;"
          + " cat /proc/self/autogroup";
  private final LocalProcessLauncher local = new LocalProcessLauncher();

  @AfterEach
  void close() {
    local.close();
  }

  @Test
  void commandsStartedTogetherAsAnUnprivilegedUserAllYieldAsAGroup() throws Exception {
    assumeTrue(Files.exists(AUTOGROUP), "a kernel that schedules sessions as groups");
    boolean root = Scheduling.root();
    assumeTrue(!root || Scheduling.nobodyUsable(), "setpriv and uid 65534, to drop root's privilege");
    // as root, each command runs as nobody (root may change group nice values without a limit)
    ProcessLauncher launcher = root ? Scheduling.asNobody(local) : local;
    // "go" is a shell that prints its group once it is niced, or after two seconds
    var go = new GoToolchain(Path.of("/bin/sh"), Map.of(), launcher);
    var children = new ArrayList<ChildProcess>();
    for (int i = 0; i < 4; i++) {
      children.add(go.startNiced(GoCommand.of(Path.of("/"), "-c", WAIT_FOR_GROUP), 10));
    }
    int expected = Math.min(19, Scheduling.groupNice(Files.readString(AUTOGROUP)).orElse(Scheduling.nice("self")) + 10);
    for (var child : children) {
      child.stdin().close();
      var group = ChildProcess.readAll(child.stdout());
      assertEquals(0, child.onExit().get(), () -> ChildProcess.readAll(child.stderr()));
      assertEquals(expected, Scheduling.groupNice(group).orElse(-1), () -> "group of one of four: " + group);
    }
  }
}
