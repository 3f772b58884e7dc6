package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunOptionsParserTest {
  @Test
  void serveTakesEveryRunOption() throws Exception {
    var run = OptionsParser.parse("serve", "--run", "./cmd/server", "--run", "example.com/m/cmd/worker",
        "--isolation", "isolated", "--memory", "64MiB", "--pids", "32", "--cpu-seconds", "5", "--timeout", "500ms",
        "--output-bytes", "1GiB", "--network", "on", "--stop-signal", "SIGINT", "--grace", "1m", "--output-to-log").run();
    assertEquals(List.of("./cmd/server", "example.com/m/cmd/worker"), run.targets());
    assertEquals("isolated", run.isolation());
    assertEquals(OptionalLong.of(64L << 20), run.memoryBytes());
    assertEquals(OptionalInt.of(32), run.pids());
    assertEquals(OptionalLong.of(5), run.cpuSeconds());
    assertEquals(Optional.of(Duration.ofMillis(500)), run.timeout());
    assertEquals(OptionalLong.of(1L << 30), run.outputBytes());
    assertEquals(Optional.of(true), run.network());
    assertEquals("INT", run.stopSignal());
    assertEquals(Duration.ofMinutes(1), run.grace());
    assertTrue(run.outputToLog());
  }

  @Test
  void defaultsRunNothingLocallyAndStopWithTermAndTwoSeconds() throws Exception {
    var run = OptionsParser.parse("serve").run();
    assertEquals(List.of(), run.targets());
    assertEquals("local", run.isolation());
    assertTrue(run.memoryBytes().isEmpty() && run.timeout().isEmpty() && run.network().isEmpty());
    assertEquals("TERM", run.stopSignal());
    assertEquals(Duration.ofSeconds(2), run.grace());
    assertFalse(run.outputToLog());
  }

  @Test
  void runTakesATargetAndTheProgramsArgumentsAfterTheSeparator() throws Exception {
    var o = OptionsParser.parse("run", "--workspace", "ws", "--timeout", "2s", "--report", "r.json", "--watch",
        "./cmd/server", "--", "--port", "8080", "--", "x");
    assertEquals("run", o.command());
    assertEquals(new RunCommandOptions(Path.of("ws"), "./cmd/server", List.of("--port", "8080", "--", "x"),
        Optional.of(Path.of("r.json")), true), o.runCommand());
    assertEquals(Optional.of(Duration.ofSeconds(2)), o.run().timeout());
    var plain = OptionsParser.parse("run", "m/cmd/a").runCommand();
    assertEquals(new RunCommandOptions(Path.of("."), "m/cmd/a", List.of(), Optional.empty(), false), plain);
  }

  @Test
  void doctorIsACommand() throws Exception {
    assertEquals("gvisor", OptionsParser.parse("doctor", "--isolation", "gvisor").run().isolation());
  }

  @Test
  void badValuesAreUsageErrorsThatSayWhatIsExpected() {
    assertMessage("--memory needs a size such as 64MiB or 1GiB, got 64M", "serve", "--memory", "64M");
    assertMessage("--memory must be at least 16MiB (a Go program needs that much)", "serve", "--memory", "1MiB");
    assertMessage("--timeout needs a duration such as 500ms, 2s or 1m, got 2", "serve", "--timeout", "2");
    assertMessage("--timeout must be more than 0", "serve", "--timeout", "0s");
    assertMessage("--grace needs a duration such as 500ms, 2s or 1m, got -1s", "serve", "--grace", "-1s");
    assertMessage("--isolation must be local, isolated or gvisor, got docker", "serve", "--isolation", "docker");
    assertMessage("--network must be on or off, got yes", "serve", "--network", "yes");
    assertMessage("--stop-signal must be one of HUP, INT, QUIT, USR1, USR2, TERM, got SIGKILL",
        "serve", "--stop-signal", "SIGKILL");
    assertMessage("--pids must be at least 8 (Go needs 4 threads, bwrap 2 processes)", "serve", "--pids", "4");
    assertMessage("--pids needs a whole number from 0 to 2147483647, got many", "serve", "--pids", "many");
    assertMessage("--output-bytes is too large: 99999999999TiB", "serve", "--output-bytes", "99999999999TiB");
    assertMessage("--run needs a value", "serve", "--run");
    assertMessage("run needs a TARGET (a main package: ./cmd/server or its import path)", "run");
    assertMessage("unexpected argument: --", "serve", "--");
    assertMessage("unexpected argument: b", "run", "a", "b");
  }

  /** --env (docs/sandbox.md): for serve --run, run and check --run, into every run's spec under the run's own variables. */
  @Test
  void envIsTakenByServeRunAndCheckAndReachesTheSpec() throws Exception {
    for (var command : List.of("serve", "run", "check")) {
      var args = new java.util.ArrayList<>(List.of(command, "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY="));
      if (command.equals("run")) {
        args.add("./cmd/a");
      }
      assertEquals(java.util.Map.of("A", "1", "B", "x=y", "EMPTY", ""), OptionsParser.parse(args.toArray(String[]::new)).run().env(),
          command);
    }
    var run = OptionsParser.parse("serve", "--env", "A=1", "--env", "B=2").run();
    var spec = new dev.hotlsp.proxy.run.RunSpecs(run).spec("m/cmd/a", Path.of("/bin/true"), List.of(), java.util.Map.of("B", "own"),
        Path.of("/ws"));
    assertEquals(java.util.Map.of("A", "1", "B", "own"), spec.env());
    assertMessage("--env needs KEY=VALUE, got PLAIN", "serve", "--env", "PLAIN");
    assertMessage("--env needs KEY=VALUE, got =v", "run", "--env", "=v", "./cmd/a");
  }

  @Test
  void signalsByNameOrNumber() throws Exception {
    assertEquals("TERM", OptionsParser.parse("serve", "--stop-signal", "15").run().stopSignal());
    assertEquals("HUP", OptionsParser.parse("serve", "--stop-signal", "hup").run().stopSignal());
  }

  private static void assertMessage(String expected, String... args) {
    var e = assertThrows(UsageException.class, () -> OptionsParser.parse(args));
    assertEquals(expected, e.getMessage());
  }
}
