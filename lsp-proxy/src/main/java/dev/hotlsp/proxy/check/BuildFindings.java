package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import dev.hotlsp.bridge.build.BuildError;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.workspace.BuildDiagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;

/**
 * The go build of a check ({@link CheckBuild}), started on its own thread while gopls diagnoses,
 * and its errors put into the diagnostics union as the {@code go build} source, where a problem
 * gopls reports too is left out.
 */
final class BuildFindings {
  private final FutureTask<List<BuildError>> build;

  private BuildFindings(FutureTask<List<BuildError>> build) {
    this.build = build;
  }

  /** Starts the build of {@code dir} (none when {@code enabled} is false). */
  static BuildFindings start(boolean enabled, Path dir, Map<String, String> env, List<String> buildFlags,
      ProcessLauncher launcher, Log log) {
    var build = new FutureTask<List<BuildError>>(() -> {
      if (!enabled) {
        return List.of();
      }
      var goPath = GoToolchain.findGo(env).orElseThrow(() -> new CheckFailedException("no go command on PATH"));
      var go = new GoToolchain(goPath, env, launcher);
      var errors = CheckBuild.errors(go, GoWorkspace.detect(dir, go), dir, buildFlags);
      log.debug("check: go build done, " + errors.size() + " errors");
      return errors;
    });
    Thread.ofPlatform().daemon().name("check-build").start(build);
    return new BuildFindings(build);
  }

  /** Waits for the build and publishes its errors into {@code core}'s union. */
  void publishInto(ProxyCore core) throws CheckFailedException, InterruptedException {
    var byUri = new TreeMap<String, JsonArray>();
    for (var e : GoplsDiagnosis.verdict(build)) {
      byUri.computeIfAbsent(FileUri.of(e.file()), u -> new JsonArray()).add(BuildDiagnostics.toDiagnostic(e));
    }
    byUri.forEach((uri, list) -> core.router().diagnostics().publish(BuildDiagnostics.SOURCE, uri, list));
  }
}
