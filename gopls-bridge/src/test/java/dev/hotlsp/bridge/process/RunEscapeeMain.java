package dev.hotlsp.bridge.process;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.run.StdStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for HotLSP that a test kills with SIGKILL: runs {@code sh} under {@code local}, whose
 * background {@code setsid sleep} leaves the session, prints that sleep's pid (or "skip: why") and
 * waits to be killed.
 */
public final class RunEscapeeMain {
  public static void main(String[] args) throws Exception {
    var launcher = new LocalProcessLauncher(Path.of(args[0]));
    var probe = SandboxProbe.probe(launcher);
    var kill = probe.protections(Isolation.LOCAL).stream().filter(p -> p.name().equals("kill every process of the run")).findFirst().orElseThrow();
    if (!kill.active()) {
      System.out.println("skip: " + kill.reason());
      return;
    }
    var runner = new Runner(launcher, probe, Path.of(args[0], "runs"), Clock.systemUTC(), Map.of("PATH", "/usr/bin:/bin"));
    runner.start(RunSpec.of("sh", Path.of("/bin/sh"), List.of("-c", "setsid sleep 600 & echo $!; wait"), Path.of(args[0]), Isolation.LOCAL),
        new RunListener() {
          @Override
          public void output(String runId, StdStream stream, byte[] bytes, int len) {
            System.out.print(new String(bytes, 0, len, StandardCharsets.UTF_8));
            System.out.flush();
          }

          @Override
          public void ended(RunResult result) {}
        });
    Thread.sleep(Long.MAX_VALUE);
  }
}
