package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.crash.CrashMapper;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.FrameLocator;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * The {@code --run}s of a check: each target built, then run under the {@code isolated} sandbox
 * with the check's timeout. A run that exits 0 is clean; a crash trace in its output becomes
 * findings through the crash mapper; a timeout, a memory or CPU limit, or a non-zero exit
 * without a trace is one finding on the line of the target's {@code func main}.
 */
final class CheckRuns {
  private static final Pattern FUNC_MAIN = Pattern.compile("^func main\\(\\)");

  private final GoToolchain go;
  private final Runner runner;
  private final Path binaries;
  private final Duration timeout;
  private final boolean checkBuilt;
  private final List<String> buildFlags;

  /**
   * {@code checkBuilt}: the check's go build ran, so a target that does not build is already
   * reported; {@code buildFlags}: the user's ({@code --build-flag}).
   */
  CheckRuns(GoToolchain go, Runner runner, Path binaries, Duration timeout, boolean checkBuilt, List<String> buildFlags) {
    this.buildFlags = List.copyOf(buildFlags);
    this.go = go;
    this.runner = runner;
    this.binaries = binaries;
    this.timeout = timeout;
    this.checkBuilt = checkBuilt;
  }

  /** Runs {@code request} from {@code dir}; its findings (none when it exited 0). */
  List<CheckFinding> run(CheckOptions.RunRequest request, Path dir, GoWorkspace workspace)
      throws CheckFailedException, InterruptedException {
    String target = request.target();
    Path packageDir = mainPackageDir(dir, target);
    var binary = binaries.resolve("run-" + Integer.toHexString(target.hashCode()) + "-" + System.nanoTime());
    RunResult result;
    try {
      var failure = CheckBuild.binary(go, dir, target, binary, buildFlags);
      if (failure.isPresent()) {
        if (checkBuilt) {
          return List.of(); // its errors are the build's findings
        }
        var place = funcMain(packageDir);
        return List.of(new CheckFinding(place.file, place.line, 1, place.line, place.endColumn, 1, Severity.ERROR,
            "go build", "build", target + " does not build: " + failure.get(), List.of(), List.of()));
      }
      var limits = RunLimits.defaults(Isolation.ISOLATED).withTimeout(Optional.of(timeout));
      var spec = RunSpec.of(target, binary, request.args(), dir, Isolation.ISOLATED).withLimits(limits);
      result = runner.start(spec, RunListener.none()).result().get();
    } catch (IOException e) {
      throw new CheckFailedException("cannot run " + target + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } catch (ExecutionException e) {
      throw new CheckFailedException("cannot run " + target + ": " + e.getCause());
    } finally {
      try {
        Files.deleteIfExists(binary);
      } catch (IOException ignored) {
        // the binaries directory is removed with the check
      }
    }
    if (result.reason() == EndReason.EXITED) {
      return List.of();
    }
    if (result.reason() == EndReason.SANDBOX_ERROR) {
      throw new CheckFailedException("cannot run " + target + " in the isolated sandbox: "
          + result.stderr().strip().lines().findFirst().orElse("sandbox error"));
    }
    var findings = new ArrayList<CheckFinding>();
    try {
      var mapper = new CrashMapper(new FrameLocator(WorkspaceIndex.scan(workspace)), new FileSourceLines());
      for (var crash : CrashScanner.scan(result.stderrHead() + result.stderrTail()).crashes()) {
        mapper.map(crash).stream().map(CheckFinding::ofCrash).forEach(findings::add);
      }
    } catch (IOException e) {
      throw new CheckFailedException("cannot read the workspace " + workspace.root() + ": " + e.getMessage());
    }
    if (findings.isEmpty()) {
      findings.add(atMain(packageDir, target, result));
    }
    return findings;
  }

  /** The finding of a run that left no trace: on its {@code func main} line. */
  private CheckFinding atMain(Path packageDir, String target, RunResult result) {
    String message = switch (result.reason()) {
      case TIMEOUT -> target + " did not end within " + human(timeout) + " (stopped)";
      case MEMORY_LIMIT -> target + " hit the memory limit and was killed";
      case CPU_LIMIT -> target + " hit the CPU time limit and was killed";
      default -> result.signal().isPresent() ? target + " was killed by signal " + result.signal().getAsInt()
          : target + " exited with code " + result.exitCode();
    };
    String code = switch (result.reason()) {
      case TIMEOUT -> "timeout";
      case MEMORY_LIMIT -> "memory-limit";
      case CPU_LIMIT -> "cpu-limit";
      default -> "exit";
    };
    var tail = result.stderr().strip();
    if (!tail.isEmpty()) {
      var lines = tail.lines().toList();
      message += ": " + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
    var place = funcMain(packageDir);
    return new CheckFinding(place.file, place.line, 1, place.line, place.endColumn, 1, Severity.ERROR, "hotlsp", code,
        message, List.of(), List.of());
  }

  private record Place(Path file, int line, int endColumn) {}

  private static Place funcMain(Path packageDir) {
    try (var files = Files.list(packageDir)) {
      for (var file : files.filter(f -> f.toString().endsWith(".go") && !f.toString().endsWith("_test.go")).sorted().toList()) {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (FUNC_MAIN.matcher(lines.get(i)).find()) {
            return new Place(file, i + 1, lines.get(i).stripTrailing().length() + 1);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through: the package directory itself
    }
    return new Place(packageDir.resolve("main.go"), 1, 1);
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
