package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.hotlsp.proxy.harness.HarnessEnv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions over the WebSocket with the real gopls: one message per text message; Content-Length
 * framing in binary messages split anywhere; an oversized message closes with 1009; each
 * connection its own session and gopls, ended with the connection; the playground mode's scratch
 * copy, removed at the session's end; the session cap.
 */
class WebSessionTest {
  private static final Path HELLO = HarnessEnv.testWorkspace("hello");

  private static int id(String json) {
    return JsonParser.parseString(json).getAsJsonObject().get("id").getAsInt();
  }

  @Test
  void twoConnectionsAreTwoSessionsEachWithItsGoplsEndedWithItsConnection() throws Exception {
    long before = WebFixture.goplsRunning();
    try (var web = new WebFixture("hello")) {
      var a = WsClient.connect(web.server.lspUrl());
      var b = WsClient.connect(web.server.lspUrl());
      a.sendText(WebFixture.initialize(1, HELLO));
      b.sendText(WebFixture.initialize(2, HELLO));
      var answerA = a.nextText();
      var answerB = b.nextText();
      assertEquals(1, id(answerA), answerA);
      assertEquals(2, id(answerB), answerB);
      assertTrue(answerA.contains("\"capabilities\""), answerA);
      WebFixture.await("two gopls", () -> WebFixture.goplsRunning() == before + 2, () -> WebFixture.goplsRunning() + " gopls");
      assertEquals(2, web.server.liveSessions());
      a.close();
      assertEquals(1000, a.awaitClosed().code());
      WebFixture.await("a's gopls gone", () -> WebFixture.goplsRunning() == before + 1, () -> WebFixture.goplsRunning() + " gopls");
      WebFixture.await("one session", () -> web.server.liveSessions() == 1, () -> web.server.liveSessions() + " sessions");
      b.abort(); // no close handshake: the connection just drops
      WebFixture.await("b's gopls gone", () -> WebFixture.goplsRunning() == before, () -> WebFixture.goplsRunning() + " gopls");
      WebFixture.await("no session", () -> web.server.liveSessions() == 0, () -> web.server.liveSessions() + " sessions");
    }
  }

  @Test
  void contentLengthFramingInBinaryMessagesMaySplitAnywhere() throws Exception {
    try (var web = new WebFixture("hello")) {
      var client = WsClient.connect(web.server.lspUrl());
      var body = WebFixture.initialize(7, HELLO).getBytes(StandardCharsets.UTF_8);
      var framed = new ByteArrayOutputStream();
      framed.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      framed.writeBytes(body);
      var second = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"shutdown\"}".getBytes(StandardCharsets.UTF_8);
      framed.writeBytes(("Content-Length: " + second.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      framed.writeBytes(second);
      var all = framed.toByteArray();
      for (int off = 0; off < all.length; off += 7) { // 7 bytes a message: headers and bodies cut everywhere
        client.sendBinary(java.util.Arrays.copyOfRange(all, off, Math.min(all.length, off + 7)));
      }
      var answers = new StringBuilder();
      for (int n = 0; n < 2; n++) {
        var message = new String(client.binaries.poll(20, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(message.startsWith("Content-Length: "), message);
        answers.append(message);
      }
      var bodies = Pattern.compile("\\r\\n\\r\\n").split(answers);
      assertEquals(7, id(bodies[1].substring(0, bodies[1].lastIndexOf("Content-Length"))));
      assertEquals(8, id(bodies[2]));
      assertTrue(client.texts.isEmpty(), "answers in the client's framing");
      client.close();
    }
  }

  @Test
  void aTextMessageOverTheLimitClosesWith1009AndEndsTheSession() throws Exception {
    long before = WebFixture.goplsRunning();
    try (var web = new WebFixture("hello", "--max-message-bytes", "65536")) {
      var client = WsClient.connect(web.server.lspUrl());
      client.sendText(WebFixture.initialize(1, HELLO));
      assertEquals(1, id(client.nextText()));
      try {
        client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"" + "y".repeat(100_000) + "\"}");
      } catch (CompletionException e) {
        // the server may close on the first frames, before the client has written the whole message
        assertTrue(String.valueOf(e.getCause()).contains("closed output"), e.toString());
      }
      var closed = client.awaitClosed();
      assertEquals(1009, closed.code(), closed.toString());
      assertTrue(closed.reason().contains("65536") && closed.reason().contains("--max-message-bytes"), closed.reason());
      WebFixture.await("the session's gopls gone", () -> WebFixture.goplsRunning() == before,
          () -> WebFixture.goplsRunning() + " gopls");
      WebFixture.await("no session", () -> web.server.liveSessions() == 0, () -> "sessions left");
    }
  }

  @Test
  void aMessageAboveTheOld64KiBCapPassesWithTheDefaultLimit() throws Exception {
    try (var web = new WebFixture("hello")) {
      var client = WsClient.connect(web.server.lspUrl());
      client.sendText(WebFixture.initialize(1, HELLO));
      assertEquals(1, id(client.nextText()));
      client.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"main\",\"x\":\""
          + "ü".repeat(300_000) + "\"}}");
      assertEquals(2, id(client.nextText()));
      client.close();
    }
  }

  @Test
  void thePlaygroundModeServesAScratchCopyRemovedWithTheSession(@TempDir Path cache) throws Exception {
    var env = new HashMap<>(HarnessEnv.withCacheHome(cache));
    try (var web = new WebFixture(HELLO, env, "--sessions", "--max-sessions", "1")) {
      var client = WsClient.connect(web.server.lspUrl());
      var scratchRoot = cache.resolve("hotlsp/web");
      // the session is logged as opened once its copy is complete
      WebFixture.await("a session on a scratch copy", () -> web.stderr().contains("opened on " + scratchRoot), web::stderr);
      assertEquals(1, list(scratchRoot).size(), web.stderr());
      var copy = list(scratchRoot).get(0);
      assertTrue(copy.getFileName().toString().startsWith("session-"), copy.toString());
      assertTrue(web.stderr().contains("opened on " + copy), web.stderr());
      assertTrue(Files.isRegularFile(copy.resolve("go.mod")), "the workspace was copied");
      client.sendText(WebFixture.initialize(1, copy));
      assertEquals(1, id(client.nextText()));
      var second = WsClient.connect(web.server.lspUrl());
      var refused = second.awaitClosed();
      assertEquals(1013, refused.code(), refused.toString());
      client.close();
      WebFixture.await("the copy removed", () -> list(scratchRoot).isEmpty(), web::stderr);
    }
  }

  private static List<Path> list(Path dir) {
    try (var s = Files.list(dir)) {
      return s.toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  @Test
  void aClientSilentForTheIdleTimeoutIsClosedWith1001() throws Exception {
    try (var web = new WebFixture("hello", "--idle-timeout", "1s")) {
      var client = WsClient.connect(web.server.lspUrl());
      var closed = client.awaitClosed();
      assertEquals(1001, closed.code(), closed.toString());
      assertTrue(closed.reason().contains("--idle-timeout"), closed.reason());
      WebFixture.await("no session", () -> web.server.liveSessions() == 0, web::stderr);
    }
  }

  @Test
  void aLargeAnswerWithManyMultiByteCharactersArrivesWhole() throws Exception {
    try (var web = new WebFixture("hello")) {
      var client = WsClient.connect(web.server.lspUrl());
      client.sendText(WebFixture.initialize(1, HELLO));
      assertEquals(1, id(client.nextText()));
      client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      var uri = HELLO.resolve("big.go").toUri().toString();
      var text = "package main\n\n// " + "ü€".repeat(100_000) + "\nvar Big = 1\n";
      client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\""
          + uri + "\",\"languageId\":\"go\",\"version\":1,\"text\":\"" + text.replace("\n", "\\n") + "\"}}}");
      client.sendText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\""
          + uri + "\"},\"position\":{\"line\":3,\"character\":5}}}");
      String answer;
      do {
        answer = client.nextText();
      } while (!answer.contains("\"id\":3"));
      assertTrue(answer.contains("ü€".repeat(100_000)), answer.length() + " chars: the doc comment in the hover, whole");
      assertTrue(answer.endsWith("}"), "whole");
      client.close();
    }
  }

  @Test
  void mixingTextAndBinaryMessagesIsRefusedWith1003() throws Exception {
    try (var web = new WebFixture("hello")) {
      var client = WsClient.connect(web.server.lspUrl());
      client.sendText(WebFixture.initialize(1, HELLO));
      assertEquals(1, id(client.nextText()));
      client.sendBinary("Content-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
      assertEquals(1003, client.awaitClosed().code());
      assertFalse(web.stderr().contains("internal error"), web.stderr());
    }
  }
}
