package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.ProcStat;
import dev.hotlsp.proxy.harness.Sandbox;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dropped connection ends its whole session: gopls and the program the session runs (one that
 * ignores SIGTERM), with nothing left behind.
 */
class WebRunEndsTest {
  private static final Pattern RUN_PID = Pattern.compile("\"method\":\"hotlsp/runStarted\",\"params\":\\{[^}]*\"pid\":(\\d+)");

  private static boolean live(long pid) {
    return ProcStat.of(pid).map(ProcStat::live).orElse(false);
  }

  @Test
  void aDroppedConnectionEndsItsGoplsAndItsRun(@TempDir Path tmp) throws Exception {
    var workspace = Sandbox.copyOf("runners", tmp).root();
    long goplsBefore = WebFixture.goplsRunning();
    try (var web = new WebFixture(workspace, HarnessEnv.withCacheHome(tmp.resolve("cache")), "--run", "./cmd/noterm")) {
      var client = WsClient.connect(web.server.lspUrl());
      var uri = workspace.toUri().toString();
      client.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
          + "\"rootUri\":\"" + uri + "\",\"workspaceFolders\":[{\"uri\":\"" + uri + "\",\"name\":\"ws\"}],"
          + "\"capabilities\":{}}}");
      var seen = new StringBuilder();
      WebFixture.await("initialize answered", () -> drain(client, seen).contains("\"id\":1"), seen::toString);
      client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      dev.hotlsp.proxy.harness.Poll.until("noterm runs", java.time.Duration.ofSeconds(120),
          () -> RUN_PID.matcher(drain(client, seen)).find() && seen.toString().contains("ignoring SIGTERM"),
          seen::toString);
      var m = RUN_PID.matcher(seen);
      assertTrue(m.find());
      long program = Long.parseLong(m.group(1));
      var descendants = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
      assertTrue(live(program), "the program runs");

      client.abort();
      dev.hotlsp.proxy.harness.Poll.until("the program and the session's gopls are gone",
          java.time.Duration.ofSeconds(20),
          () -> !live(program) && WebFixture.goplsRunning() == goplsBefore && web.server.liveSessions() == 0,
          () -> "program live " + live(program) + ", gopls " + WebFixture.goplsRunning() + ", left: "
              + descendants.stream().filter(WebRunEndsTest::live).toList());
    }
  }

  private static String drain(WsClient client, StringBuilder seen) {
    for (String t; (t = client.texts.poll()) != null; ) {
      seen.append(t).append('\n');
    }
    return seen.toString();
  }
}
