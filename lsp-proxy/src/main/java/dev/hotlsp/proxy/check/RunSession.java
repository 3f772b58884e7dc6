package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.run.HttpProbe;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code --run}s of one checked directory, after gopls has been stopped: a runner with the
 * cache's run directory, a directory of this check's binaries (one a killed check left is swept
 * first, this one removed at the end), and {@link CheckRuns} for each request in turn.
 */
final class RunSession {
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final Log log;
  private final Consumer<String> progress;

  RunSession(ProcessLauncher launcher, Clock clock, Log log, Consumer<String> progress) {
    this.launcher = launcher;
    this.clock = clock;
    this.log = log;
    this.progress = progress;
  }

  /** The findings of {@code check}'s runs from {@code dir}; {@code built}: the check's go build ran. */
  List<CheckFinding> findings(Path dir, CheckOptions check, ProxySettings settings, boolean built)
      throws CheckFailedException, InterruptedException {
    var env = new HashMap<>(settings.environment());
    env.put("GOTOOLCHAIN", "local");
    var goPath = GoToolchain.findGo(env).orElseThrow(() -> new CheckFailedException("no go command on PATH"));
    var go = new GoToolchain(goPath, env, launcher);
    Path binaries = null;
    try {
      var workspace = GoWorkspace.detect(dir, go);
      var cache = CacheDirs.fromEnvironment(env);
      var checkDir = cache.ensure(Path.of("check"));
      var owned = OwnedDirs.ofThisProcess();
      owned.sweep(checkDir, "run-"); // binaries of a check that was killed
      binaries = owned.create(checkDir, "run-");
      var sandbox = SandboxProbe.probe(launcher);
      try (var runner = new Runner(launcher, sandbox, cache.ensure(Path.of("runs")), clock, env)) {
        var smoke = new SmokeRun(new HttpProbe(launcher, sandbox.root()), clock);
        var runs = new CheckRuns(go, runner, smoke, binaries, check.runTimeout(), built,
            settings.workspace().buildFlags(), settings.run().env(), clock);
        var findings = new ArrayList<CheckFinding>();
        for (var request : check.runs()) {
          progress.accept("running " + request.target() + "…");
          findings.addAll(runs.run(request, dir, workspace));
        }
        return findings;
      }
    } catch (IOException e) {
      throw new CheckFailedException("cannot run the --run targets of " + dir + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } finally {
      if (binaries != null) {
        remove(binaries);
      }
    }
  }

  private void remove(Path binaries) {
    try (var left = Files.list(binaries)) {
      for (var f : left.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(binaries);
    } catch (IOException e) {
      log.debug("check: cannot remove " + binaries + ": " + e.getMessage());
    }
  }
}
