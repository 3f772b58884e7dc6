package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxyCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until gopls has diagnosed the files of a check. First the way {@code gopls check} does
 * it: the {@code gopls.diagnose_files} command, whose answer comes after gopls has published the
 * diagnostics of every package those files belong to (on the same stream, so the union has them
 * when the answer arrives). A server that does not know the command falls back to a rule on what
 * it publishes: every opened file has diagnostics, no progress is under way, then a quiet second.
 */
final class DiagnosisWait {
  private static final Duration QUIET = Duration.ofMillis(1000);

  private final HeadlessEditor editor;
  private final ProxyCore core;
  private final Clock clock;
  private final Log log;

  DiagnosisWait(HeadlessEditor editor, ProxyCore core, Clock clock, Log log) {
    this.editor = editor;
    this.core = core;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Returns once the diagnostics of {@code files} (URIs) are in, or false at {@code deadline} or
   * when gopls is gone; {@code opened} are those of them the editor opened.
   */
  boolean await(List<String> files, List<String> opened, Instant deadline) throws InterruptedException {
    var reply = editor.request("workspace/executeCommand", diagnoseFiles(files));
    try {
      var answer = reply.get(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
      if (!answer.has("error")) {
        return true;
      }
      log.debug("check: gopls.diagnose_files failed (" + answer.get("error") + "): waiting for quiet instead");
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      log.debug("check: gopls.diagnose_files failed (" + e.getCause() + "): waiting for quiet instead");
    }
    return awaitQuiet(opened, deadline);
  }

  private static JsonObject diagnoseFiles(List<String> files) {
    var uris = new JsonArray();
    files.forEach(uris::add);
    var args = new JsonObject();
    args.add("Files", uris);
    var arguments = new JsonArray();
    arguments.add(args);
    var params = new JsonObject();
    params.addProperty("command", "gopls.diagnose_files");
    params.add("arguments", arguments);
    return params;
  }

  private boolean awaitQuiet(List<String> opened, Instant deadline) throws InterruptedException {
    var supervisor = core.supervisor();
    while (clock.instant().isBefore(deadline)) {
      var state = supervisor.state();
      if (state != GoplsSupervisor.State.RUNNING && state != GoplsSupervisor.State.RESTARTING) {
        return false;
      }
      boolean quiet = Duration.between(core.router().diagnostics().lastFromGopls(), clock.instant()).compareTo(QUIET) >= 0;
      if (quiet && !core.router().progress().busy() && opened.stream().allMatch(editor::hasDiagnostics)) {
        return true;
      }
      Thread.sleep(50); // polls gopls's progress in production code; tests never sleep
    }
    return false;
  }
}
