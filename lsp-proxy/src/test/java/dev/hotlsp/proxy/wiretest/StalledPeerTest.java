package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.Poll;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading costs bounded memory and never leaves a live-looking dead session:
 * a stalled server is restarted with the latest text, a stalled editor ends the session, and an
 * {@link Error} on a reader thread is recovered from.
 */
class StalledPeerTest {
  private static final int BUDGET = 1 << 20;
  private static final String TEXT_PREFIX = "package a\n//" + "x".repeat(256 * 1024);

  private static String didChange(int version) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
        + "{\"uri\":\"file:///w/a.go\",\"version\":" + version + "},\"contentChanges\":[{\"text\":\""
        + TEXT_PREFIX.replace("\n", "\\n") + version + "\"}]}}";
  }

  /** Runs {@code body} on a daemon thread: a write to a peer that stopped reading blocks. */
  private static void inBackground(String name, ThrowingRunnable body) {
    Thread.ofPlatform().daemon().name(name).start(() -> {
      try {
        body.run();
      } catch (IOException | InterruptedException e) {
        // the proxy ended the stream: the test's assertions say whether that was right
      }
    });
  }

  private interface ThrowingRunnable {
    void run() throws IOException, InterruptedException;
  }

  @Test
  void aServerThatStopsReadingIsBoundedThenRestartedWithTheLatestText() throws Exception {
    try (var proxy = new ProxyFixture("--outbox-bytes", Integer.toString(BUDGET), "--stall-timeout-ms", "1500")) {
      var first = proxy.initialized();
      proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{"
          + "\"uri\":\"file:///w/a.go\",\"languageId\":\"go\",\"version\":1,\"text\":\"package a\\n\"}}}");
      assertEquals("textDocument/didOpen", first.received.nextJson().get("method").getAsString());
      first.received.pause();
      int last = 41;
      inBackground("editor-writes", () -> {
        for (int v = 2; v <= last; v++) { // 40 × 256 KiB: ten times the budget
          proxy.send(didChange(v));
        }
        proxy.send("{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"textDocument/hover\",\"params\":{}}");
      });

      var second = proxy.server(1); // the stalled server was killed and a new one started
      assertFalse(first.isAlive(), "the stalled server was killed");
      var init = second.received.nextJson();
      assertEquals("initialize", init.get("method").getAsString());
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + init.get("id") + ",\"result\":{\"capabilities\":{}}}");
      assertEquals("initialized", second.received.nextJson().get("method").getAsString());
      var reopened = second.received.nextJson().getAsJsonObject("params").getAsJsonObject("textDocument");
      int version = reopened.get("version").getAsInt();
      assertEquals(TEXT_PREFIX + version, reopened.get("text").getAsString(), "the replay carries the text of its version");
      JsonObject hover;
      while (true) { // edits the editor sent after the replay follow it, none missing
        var m = second.received.nextJson();
        if (!"textDocument/didChange".equals(m.get("method").getAsString())) {
          hover = m;
          break;
        }
        var params = m.getAsJsonObject("params");
        assertEquals(++version, params.getAsJsonObject("textDocument").get("version").getAsInt());
        assertEquals(TEXT_PREFIX + version,
            params.getAsJsonArray("contentChanges").get(0).getAsJsonObject().get("text").getAsString());
      }
      assertEquals(last, version, "the new server holds the latest text");
      assertEquals("textDocument/hover", hover.get("method").getAsString());
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + hover.get("id") + ",\"result\":{\"contents\":\"ok\"}}");
      JsonObject answer;
      do {
        answer = proxy.editor.nextJson();
      } while (!answer.has("id"));
      assertEquals(50, answer.get("id").getAsInt());
      assertEquals("ok", answer.getAsJsonObject("result").get("contents").getAsString());

      long oneMessage = didChange(last).getBytes(StandardCharsets.UTF_8).length + 64;
      long peak = proxy.core().supervisor().peakQueuedBytes();
      assertTrue(peak >= BUDGET, "the budget was reached: " + peak);
      assertTrue(peak <= BUDGET + oneMessage, "queued at most the budget and one message, not 10 MiB: " + peak);
      assertTrue(proxy.stderrText().contains("read nothing for 1500 ms"), proxy.stderrText());
    }
  }

  @Test
  void messagesHeldForARestartingServerStayWithinTheBudget() throws Exception {
    try (var proxy = new ProxyFixture("--outbox-bytes", Integer.toString(BUDGET))) {
      var first = proxy.initialized();
      first.exit(137);
      var second = proxy.server(1);
      var init = second.received.nextJson(); // not answered yet: the server is restarting
      var note = "{\"jsonrpc\":\"2.0\",\"method\":\"$/custom\",\"params\":{\"n\":%d,\"pad\":\""
          + "p".repeat(256 * 1024) + "\"}}";
      inBackground("editor-writes", () -> {
        for (int i = 0; i < 40; i++) { // ten times the budget
          proxy.send(note.formatted(i));
        }
      });
      var supervisor = proxy.core().supervisor();
      Poll.until("the held messages fill the budget", Duration.ofSeconds(10),
          () -> supervisor.peakQueuedBytes() >= BUDGET, () -> supervisor.peakQueuedBytes() + " bytes");
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + init.get("id") + ",\"result\":{\"capabilities\":{}}}");
      assertEquals("initialized", second.received.nextJson().get("method").getAsString());
      for (int i = 0; i < 40; i++) {
        assertEquals(i, second.received.nextJson().getAsJsonObject("params").get("n").getAsInt(), "in order, none lost");
      }
      long oneMessage = note.formatted(39).length() + 64;
      assertTrue(supervisor.peakQueuedBytes() <= BUDGET + oneMessage,
          "held at most the budget and one message, not 10 MiB: " + supervisor.peakQueuedBytes());
    }
  }

  @Test
  void anEditorThatStopsReadingEndsTheSessionWithExit1AndNoServerLeft() throws Exception {
    try (var proxy = new ProxyFixture("--outbox-bytes", Integer.toString(BUDGET), "--stall-timeout-ms", "1500")) {
      var server = proxy.initialized();
      proxy.editor.pause();
      var log = "{\"jsonrpc\":\"2.0\",\"method\":\"window/logMessage\",\"params\":{\"type\":3,\"message\":\""
          + "y".repeat(256 * 1024) + "\"}}";
      inBackground("server-writes", () -> {
        for (int i = 0; i < 40; i++) {
          server.send(log);
        }
      });
      assertEquals(1, proxy.exit.get(30, TimeUnit.SECONDS));
      assertFalse(server.isAlive(), "the server was stopped");
      assertTrue(proxy.stderrText().contains("the editor stopped reading HotLSP's output"), proxy.stderrText());
    }
  }

  /** Throws an {@link InternalError} from the log when a line containing {@code trigger} is written. */
  private static OutputStream failingOn(String trigger, OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (new String(b, off, len, StandardCharsets.UTF_8).contains(trigger)) {
          throw new InternalError("injected failure");
        }
        out.write(b, off, len);
      }
    };
  }

  @Test
  void anErrorOnTheEditorsReaderThreadEndsTheSessionWithExit1() throws Exception {
    try (var proxy = new ProxyFixture(true, out -> failingOn("malformed message from the editor", out))) {
      var server = proxy.initialized();
      proxy.send("{not json");
      assertEquals(1, proxy.exit.get(30, TimeUnit.SECONDS));
      assertFalse(server.isAlive(), "the server was stopped");
      assertTrue(proxy.stderrText().contains("internal error on the editor's reader thread"), proxy.stderrText());
    }
  }

  @Test
  void anErrorOnTheServersReaderThreadRestartsTheServer() throws Exception {
    try (var proxy = new ProxyFixture(true, out -> failingOn("malformed message from gopls", out))) {
      var first = proxy.initialized();
      first.send("{not json");
      var second = proxy.server(1);
      assertFalse(first.isAlive(), "the server whose reader failed was killed");
      assertEquals("initialize", second.received.nextJson().get("method").getAsString());
      assertTrue(proxy.stderrText().contains("internal error on gopls's reader thread"), proxy.stderrText());
    }
  }
}
