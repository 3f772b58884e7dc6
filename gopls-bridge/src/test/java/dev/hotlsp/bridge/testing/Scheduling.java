package dev.hotlsp.bridge.testing;

import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** What the kernel says of a process's CPU priority, and a launcher that runs as uid 65534. */
public final class Scheduling {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final List<String> AS_NOBODY =
      List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--");

  private Scheduling() {}

  /** Field 19 of /proc/PID/stat: the nice value ({@code pid} may be "self"). */
  public static int nice(String pid) throws IOException {
    var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
  }

  /**
   * The nice value of an autogroup file's text ({@code /autogroup-42 nice 5}); none for a process
   * in the root group, whose file is empty.
   */
  public static OptionalInt groupNice(String text) {
    var t = text.strip();
    return t.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(t.substring(t.lastIndexOf(' ') + 1)));
  }

  /** Whether this JVM is root. */
  public static boolean root() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /** Whether setpriv can run a program as uid 65534 here. */
  public static boolean nobodyUsable() throws IOException, InterruptedException {
    if (!Files.isExecutable(SETPRIV)) {
      return false;
    }
    var argv = new ArrayList<>(AS_NOBODY);
    argv.add("/bin/true");
    var p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor() == 0;
  }

  /** {@code local}, every command run as uid 65534 (setpriv). */
  public static ProcessLauncher asNobody(LocalProcessLauncher local) {
    return spec -> {
      var argv = new ArrayList<>(AS_NOBODY);
      argv.addAll(spec.command());
      return local.start(new CommandSpec(argv, spec.environment(), spec.workingDirectory()));
    };
  }
}
