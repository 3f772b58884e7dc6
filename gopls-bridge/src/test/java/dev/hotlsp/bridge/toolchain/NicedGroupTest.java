package dev.hotlsp.bridge.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
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
    boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    assumeTrue(!root || (Files.isExecutable(SETPRIV) && nobodyWorks()), "setpriv and uid 65534, to drop root's privilege");
    // as root, each command runs as nobody (root may change group nice values without a limit)
    ProcessLauncher launcher = root ? spec -> local.start(asNobody(spec)) : local;
    // "go" is a shell that prints its group once it is niced, or after two seconds
    var go = new GoToolchain(Path.of("/bin/sh"), Map.of(), launcher);
    var children = new ArrayList<ChildProcess>();
    for (int i = 0; i < 4; i++) {
      children.add(go.startNiced(GoCommand.of(Path.of("/"), "-c", WAIT_FOR_GROUP), 10));
    }
    int expected = Math.min(19, groupNice(Files.readString(AUTOGROUP)).orElse(ownNice()) + 10);
    for (var child : children) {
      child.stdin().close();
      var group = ChildProcess.readAll(child.stdout());
      assertEquals(0, child.onExit().get(), () -> ChildProcess.readAll(child.stderr()));
      assertEquals(expected, groupNice(group).orElse(-1), () -> "group of one of four: " + group);
    }
  }

  private static boolean nobodyWorks() throws IOException, InterruptedException {
    var p = new ProcessBuilder(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/true")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor() == 0;
  }

  private static CommandSpec asNobody(CommandSpec spec) {
    var argv = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534",
        "--clear-groups", "--"));
    argv.addAll(spec.command());
    return new CommandSpec(argv, spec.environment(), spec.workingDirectory());
  }

  /** The nice value in an autogroup file's text; none for the root group (empty). */
  private static OptionalInt groupNice(String text) {
    var t = text.strip();
    return t.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(Integer.parseInt(t.substring(t.lastIndexOf(' ') + 1)));
  }

  private static int ownNice() throws IOException {
    var stat = Files.readString(Path.of("/proc/self/stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
  }
}
