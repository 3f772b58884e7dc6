package dev.hotlsp.bridge.bench;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.testing.Scheduling;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How soon niced go commands started together run, and how soon their scheduling groups are
 * niced, as an unprivileged user (bench/niced/run.sh runs it): {@code --commands N} commands go
 * through {@link GoToolchain#startNiced} at once, as uid 65534 when this JVM is root; each is a
 * shell (standing in for go) that prints, in ms since it was asked for, when it started and when
 * its group reached a nice value above 0 ("never" after two seconds). Rounds are {@code --rounds} apart by 300 ms. Not a test:
 * prints a Markdown table to stdout, the k-th command to start in each row.
 */
public final class NicedGroupsBench {
  private static final String PROBE =
      "t1=$(date +%s%N); i=0; while [ $i -lt 400 ] && [ \"$(cut -d' ' -f3 /proc/self/autogroup)\" = 0 ]; do"
          + " i=$((i+1)); sleep 0.005; done; t2=$(date +%s%N); [ $i -lt 400 ] || t2=never; echo \"$t1 $t2\"";

  public static void main(String[] argv) throws Exception {
    int commands = 4;
    int rounds = 5;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--commands" -> commands = Integer.parseInt(argv[++i]);
        case "--rounds" -> rounds = Integer.parseInt(argv[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
      }
    }
    boolean root = Scheduling.root();
    try (var local = new LocalProcessLauncher()) {
      ProcessLauncher launcher = root ? Scheduling.asNobody(local) : local;
      var go = new GoToolchain(Path.of("/bin/sh"), Map.of("PATH", "/usr/bin:/bin"), launcher);
      System.out.println("| round | " + String.join(" | ", header(commands)) + " |");
      System.out.println("|---|" + "---|".repeat(commands));
      for (int r = 1; r <= rounds; r++) {
        long asked = System.currentTimeMillis() * 1_000_000L;
        var children = new ArrayList<ChildProcess>();
        for (int c = 0; c < commands; c++) {
          children.add(go.startNiced(GoCommand.of(Path.of("/"), "-c", PROBE), 10));
        }
        var cells = new ArrayList<long[]>();
        for (var child : children) {
          child.stdin().close();
          var out = ChildProcess.readAll(child.stdout()).strip().split(" ");
          child.onExit().get();
          long niced = out[1].equals("never") ? Long.MAX_VALUE : (Long.parseLong(out[1]) - asked) / 1_000_000;
          cells.add(new long[] {(Long.parseLong(out[0]) - asked) / 1_000_000, niced});
        }
        cells.sort((a, b) -> Long.compare(a[1], b[1]));
        var row = new ArrayList<String>();
        cells.forEach(c -> row.add(c[0] + " / " + (c[1] == Long.MAX_VALUE ? "never (2 s)" : c[1])));
        System.out.println("| " + r + " | " + String.join(" | ", row) + " |");
        Thread.sleep(300);
      }
    }
  }

  private static List<String> header(int commands) {
    var h = new ArrayList<String>();
    for (int c = 1; c <= commands; c++) {
      h.add("#" + c + " started / niced (ms)");
    }
    return h;
  }
}
