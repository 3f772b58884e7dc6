package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.showMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.GoplsProcesses;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash storm: gopls SIGKILLed ten times while the editor streams more than 500 requests and
 * incremental multi-byte edits through the proxy in its own JVM. Every request is answered (a
 * result, or ContentModified for those caught by a kill); after each restart a hover shows the
 * doc comment as edited in the unsaved buffer during the restart; the final diagnostics equal those
 * of the same script run against gopls alone with no kill; no gopls is left running.
 */
class CrashStormTest {
  private static final int ROUNDS = 10;
  private static final int BATCHES = 6;
  private static final int CONTENT_MODIFIED = -32801;
  private static final Duration PROCESS_WAIT = Duration.ofSeconds(30);

  @Test
  void tenKillsDuringRequestsAndEditsLeaveTheSessionAsWithoutThem(@TempDir Path tmp) throws Exception {
    var baseline = run(Servers.gopls(), tmp.resolve("baseline"), 0);
    var stormed = run(Servers.proxyJvm(List.of("--crash-limit", "100")), tmp.resolve("storm"), ROUNDS);

    assertEquals(baseline, stormed, "final diagnostics with kills vs gopls alone without");
  }

  /** Runs the script, killing gopls in the first {@code kills} rounds; returns the final diagnostics. */
  private static Map<String, List<String>> run(ServerUnderTest server, Path dir, int kills) throws Exception {
    Files.createDirectories(dir);
    try (var editor = Sessions.start(server, "multi", dir)) {
      var gopls = GoplsProcesses.of(editor);
      var script = new StormScript(editor);
      script.open("v0");
      for (int round = 1; round <= ROUNDS; round++) {
        script.traffic(BATCHES);
        var killed = round <= kills ? gopls.killCurrent(PROCESS_WAIT) : null;
        var marker = "round " + round + " ✓";
        script.editDoc(marker);
        script.traffic(BATCHES);
        if (killed != null) {
          editor.await(showMessages(2, "restored 3 open documents", round));
        }

        var hover = editor.requests().hover(StormScript.API, script.countUse()).toString();
        assertTrue(hover.contains("zählt Namen 😀 名前: " + marker), "round " + round + ": " + hover);
        if (killed != null) {
          assertNotEquals(killed.pid(), gopls.current().pid());
        }
      }
      script.traffic(BATCHES);
      if (!script.broken()) {
        script.toggleBreak();
      }

      var answers = script.requests().awaitAll(Duration.ofSeconds(60));
      System.err.printf("%s: %d requests, %d results, errors %s, %d gopls processes seen%n",
          server.name(), script.requests().size(), answers.results(), answers.errorsByCode(), gopls.seenCount());
      assertTrue(script.requests().size() >= 500, "requests sent: " + script.requests().size());
      assertEquals(Map.of(), answers.errorsOtherThan(CONTENT_MODIFIED), "errors other than ContentModified");
      var diagnostics = script.diagnostics(editor.await(script.finalDiagnostics()));
      assertEquals(OptionalInt.of(0), editor.shutdown(), () -> "stderr:\n" + editor.serverStderr());
      gopls.awaitNoneLeft(PROCESS_WAIT);
      return diagnostics;
    }
  }
}
