package dev.hotlsp.proxy.wiretest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** A restarted gopls's start-up messages the editor has already seen are not shown again. */
class RepeatedMessagesTest {
  private static String show(int type, String text) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"window/showMessage\",\"params\":{\"type\":" + type
        + ",\"message\":\"" + text + "\"}}";
  }

  private static String ask(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"window/showMessageRequest\",\"params\":{\"type\":2,"
        + "\"message\":\"Share usage statistics?\",\"actions\":[{\"title\":\"Yes\"},{\"title\":\"No\"}]}}";
  }

  private static final String INVALID_A = "Invalid settings: setting option \\\"hoverKind\\\": invalid option";
  private static final String INVALID_B = "Invalid settings: unexpected setting \\\"allowModfileModifications\\\"";

  @Test
  void duringAReplayMessagesTheEditorWasShownAreSuppressedAndARepeatedQuestionGetsTheEarlierAnswer()
      throws Exception {
    try (var proxy = new ProxyFixture()) {
      var first = proxy.initialized();
      first.send(show(1, INVALID_A));
      first.send(show(1, INVALID_B));
      first.send(ask(7));
      assertEquals("window/showMessage", proxy.editor.nextJson().get("method").getAsString());
      assertEquals("window/showMessage", proxy.editor.nextJson().get("method").getAsString());
      var question = proxy.editor.nextJson();
      assertEquals("window/showMessageRequest", question.get("method").getAsString());
      proxy.send("{\"jsonrpc\":\"2.0\",\"id\":" + question.get("id") + ",\"result\":{\"title\":\"No\"}}");
      assertEquals("No", first.received.nextJson().getAsJsonObject("result").get("title").getAsString());

      first.exit(137);
      var second = proxy.server(1);
      var init = second.received.nextJson();
      second.send("{\"jsonrpc\":\"2.0\",\"id\":" + init.get("id") + ",\"result\":{\"capabilities\":{}}}");
      assertEquals("initialized", second.received.nextJson().get("method").getAsString());
      second.send(show(1, INVALID_B));
      second.send(show(1, INVALID_A));
      second.send(ask(3));
      second.send(show(3, "new since the restart"));

      var answer = second.received.nextJson();
      assertEquals(3, answer.get("id").getAsInt());
      assertEquals("No", answer.getAsJsonObject("result").get("title").getAsString(), "the editor's earlier answer");
      var seen = new ArrayList<JsonObject>();
      JsonObject m;
      do {
        m = proxy.editor.nextJson();
        seen.add(m);
      } while (!m.toString().contains("new since the restart"));
      for (var message : seen) {
        var text = message.toString();
        assertFalse(text.contains("Invalid settings") || text.contains("showMessageRequest"), "shown again: " + text);
      }
    }
  }

  @Test
  void outsideAReplayARepeatedMessageIsShown() throws Exception {
    try (var proxy = new ProxyFixture()) {
      var server = proxy.initialized();
      server.send(show(1, INVALID_A));
      server.send(show(1, INVALID_A));
      assertEquals(proxy.editor.nextJson(), proxy.editor.nextJson());
    }
  }
}
