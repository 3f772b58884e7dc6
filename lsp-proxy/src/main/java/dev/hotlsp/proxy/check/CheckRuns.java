package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashKind;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FindingTally;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.run.EndReason;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunLimits;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.crash.CrashPlaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The {@code --run}s of a check: each target built, then run under the {@code isolated} sandbox.
 * A program without {@code --for} must end within the check's timeout: exit 0 is clean. A
 * program with {@code --for} is a server: it must still be running after that long (it is then
 * stopped, which is no finding), and each {@code --probe} must answer below 500 ({@link
 * SmokeRun}). Both its streams are read for crashes and recovered panics, placed by {@link
 * CrashPlaces} (repeats counted); a run that failed without a trace — a timeout, a limit, a
 * non-zero exit, an early end, a failed probe — is a finding on the target's {@code func main}.
 */
final class CheckRuns {
  /** How long a server's run may outlast its {@code --for} before the sandbox's own timeout ends it. */
  private static final Duration STOP_MARGIN = Duration.ofSeconds(30);

  private final GoToolchain go;
  private final Runner runner;
  private final SmokeRun smoke;
  private final Path binaries;
  private final Duration timeout;
  private final boolean checkBuilt;
  private final List<String> buildFlags;
  private final Map<String, String> env;
  private final Clock clock;

  /**
   * {@code checkBuilt}: the check's go build ran, so a target that does not build is already
   * reported; {@code buildFlags}: the user's ({@code --build-flag}); {@code env}: the user's
   * {@code --env}, added to each program's environment.
   */
  CheckRuns(GoToolchain go, Runner runner, SmokeRun smoke, Path binaries, Duration timeout, boolean checkBuilt,
      List<String> buildFlags, Map<String, String> env, Clock clock) {
    this.go = go;
    this.runner = runner;
    this.smoke = smoke;
    this.binaries = binaries;
    this.timeout = timeout;
    this.checkBuilt = checkBuilt;
    this.buildFlags = List.copyOf(buildFlags);
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  /** Runs {@code request} from {@code dir}; its findings (none when it passed). */
  List<CheckFinding> run(CheckOptions.RunRequest request, Path dir, GoWorkspace workspace)
      throws CheckFailedException, InterruptedException {
    String target = request.target();
    Path packageDir = mainPackageDir(dir, target);
    var places = CrashPlaces.of(workspace, t -> Optional.of(packageDir));
    var binary = binaries.resolve("run-" + Integer.toHexString(target.hashCode()) + "-" + System.nanoTime());
    RunResult result;
    List<SmokeRun.Probed> probed = List.of();
    try {
      var failure = CheckBuild.binary(go, dir, target, binary, buildFlags);
      if (failure.isPresent()) {
        if (checkBuilt) {
          return List.of(); // its errors are the build's findings
        }
        return List.of(withSource(atMain(places, target, "build", target + " does not build: " + failure.get()), "go build"));
      }
      var limit = request.runFor().map(d -> d.plus(STOP_MARGIN)).orElse(timeout);
      var limits = RunLimits.defaults(Isolation.ISOLATED).withTimeout(Optional.of(limit));
      var spec = RunSpec.of(target, binary, request.args(), dir, Isolation.ISOLATED).withLimits(limits).withEnv(env);
      var program = runner.start(spec, RunListener.none());
      if (request.runFor().isPresent()) {
        probed = smoke.watch(program, clock.instant(), request.runFor().get(), request.probes(), true);
        program.stop(EndReason.STOPPED);
      }
      result = program.result().get();
    } catch (IOException e) {
      throw new CheckFailedException("cannot run " + target + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } catch (ExecutionException e) {
      throw new CheckFailedException("cannot run " + target + ": " + e.getCause());
    } catch (IllegalStateException e) {
      throw new CheckFailedException("cannot probe " + target + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(binary);
      } catch (IOException ignored) {
        // the binaries directory is removed with the check
      }
    }
    if (result.reason() == EndReason.SANDBOX_ERROR) {
      throw new CheckFailedException("cannot run " + target + " in the isolated sandbox: "
          + result.stderr().strip().lines().findFirst().orElse("sandbox error"));
    }
    boolean stopped = result.reason() == EndReason.STOPPED;
    var tally = new FindingTally();
    try {
      tally.add(places.map(crashes(result, stopped)));
    } catch (IOException e) {
      throw new CheckFailedException("cannot read the workspace " + workspace.root() + ": " + e.getMessage());
    }
    var findings = new ArrayList<CheckFinding>();
    tally.all().stream().map(CheckFinding::ofCrash).forEach(findings::add);
    boolean crashed = tally.all().stream().anyMatch(f -> !f.warning());
    boolean passed = request.runFor().isPresent() ? stopped : result.reason() == EndReason.EXITED;
    if (!passed && !crashed) {
      findings.add(atMain(places, target, code(result), endMessage(target, result, request.runFor())));
    }
    for (var p : probed) {
      if (!p.answer().ok()) {
        findings.add(atMain(places, target, "probe", probeMessage(p, request.runFor().orElseThrow())));
      }
    }
    return findings;
  }

  /**
   * The crashes in both streams (servers log recovered panics to either); the signal dump of a
   * program HotLSP stopped is not one.
   */
  private static List<Crash> crashes(RunResult result, boolean stopped) {
    var all = new ArrayList<Crash>();
    all.addAll(CrashScanner.scan(result.stderr()).crashes());
    all.addAll(CrashScanner.scan(result.stdout()).crashes());
    return all.stream().filter(c -> !(stopped && c.kind() == CrashKind.SIGNAL)).toList();
  }

  private CheckFinding atMain(CrashPlaces places, String target, String code, String message)
      throws CheckFailedException {
    return places.atMain(target, code, message).map(CheckFinding::ofCrash)
        .orElseThrow(() -> new CheckFailedException("--run " + target + ": its package has no Go files"));
  }

  private static CheckFinding withSource(CheckFinding f, String source) {
    return new CheckFinding(f.file(), f.line(), f.column(), f.endLine(), f.endColumn(), f.goColumn(), f.severity(),
        source, f.code(), f.message(), f.related(), f.flow());
  }

  private static String code(RunResult result) {
    return switch (result.reason()) {
      case TIMEOUT -> "timeout";
      case MEMORY_LIMIT -> "memory-limit";
      case CPU_LIMIT -> "cpu-limit";
      default -> "exit";
    };
  }

  /** Why a run that left no trace failed, with the last lines of its stderr. */
  private String endMessage(String target, RunResult result, Optional<Duration> runFor) {
    String message = switch (result.reason()) {
      case TIMEOUT -> target + " did not end within " + human(runFor.map(d -> d.plus(STOP_MARGIN)).orElse(timeout))
          + " (stopped)";
      case MEMORY_LIMIT -> target + " hit the memory limit and was killed";
      case CPU_LIMIT -> target + " hit the CPU time limit and was killed";
      default -> (result.signal().isPresent() ? target + " was killed by signal " + result.signal().getAsInt()
          : target + " exited with code " + result.exitCode())
          + (runFor.isPresent() ? " before its --for " + human(runFor.get()) + " had passed" : "");
    };
    var tail = result.stderr().strip();
    if (!tail.isEmpty()) {
      var lines = tail.lines().toList();
      message += ": " + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
    return message;
  }

  private static String probeMessage(SmokeRun.Probed p, Duration runFor) {
    var a = p.answer();
    if (!a.connected()) {
      return "probe GET " + p.url() + ": nothing accepted the connection within --for " + human(runFor);
    }
    if (a.status().isEmpty()) {
      return "probe GET " + p.url() + ": no answer (the connection closed without an HTTP status)";
    }
    return "probe GET " + p.url() + " answered " + a.status().getAsInt();
  }

  /** The directory of {@code target}, which must be a main package of the workspace. */
  private Path mainPackageDir(Path dir, String target) throws CheckFailedException, InterruptedException {
    try {
      var r = go.run(GoCommand.of(dir, "list", "-f", "{{.Name}} {{.Dir}}", target));
      var out = r.stdout().strip();
      if (!r.ok() || !out.startsWith("main ")) {
        throw new CheckFailedException("--run " + target + ": not a main package of " + dir
            + (r.ok() ? "" : " (" + r.stderr().strip().lines().findFirst().orElse("") + ")"));
      }
      return Path.of(out.substring("main ".length()));
    } catch (IOException e) {
      throw new CheckFailedException("--run " + target + ": " + e.getMessage());
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
