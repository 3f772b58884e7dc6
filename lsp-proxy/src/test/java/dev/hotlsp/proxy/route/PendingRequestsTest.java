package dev.hotlsp.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  @Test
  void aRelayedIdIsKeptWhenFreeAndNumbersAndStringsDoNotCollide() {
    var ids = new PendingRequests();
    assertEquals(new JsonPrimitive(1), ids.relay(Origin.EDITOR, new JsonPrimitive(1), "a", 0));
    assertEquals(new JsonPrimitive("1"), ids.relay(Origin.EDITOR, new JsonPrimitive("1"), "b", 0));
    var max = JsonParser.parseString("9223372036854775807");
    assertEquals(max, ids.relay(Origin.EDITOR, max, "c", 0));
    var min = JsonParser.parseString("-9223372036854775808");
    assertEquals(min, ids.relay(Origin.EDITOR, min, "d", 0));
  }

  @Test
  void anIdGoplsCannotTakeGetsAFreshIntegerAndItsExactTextComesBack() {
    var ids = new PendingRequests();
    for (var text : new String[] {"1.5", "123456789012345678901234567890", "9223372036854775808",
        "-9223372036854775809", "1e3", "2.0", "-0.0"}) {
      var id = JsonParser.parseString(text);
      var wire = ids.relay(Origin.EDITOR, id, "hover", 0);
      assertTrue(wire.getAsJsonPrimitive().isNumber() && PendingRequests.portable(wire), text + " -> " + wire);
      assertEquals(wire, ids.wireIdOf(Origin.EDITOR, id).orElseThrow(), "a cancel of " + text + " is translated");
      assertEquals(text, ids.complete(wire).orElseThrow().originalId().toString());
    }
  }

  @Test
  void aCollidingIdGetsAFreshOneAndTheOriginalComesBack() {
    var ids = new PendingRequests();
    var own = ids.own("initialize", 2);
    var wire = ids.relay(Origin.EDITOR, own.wireId(), "hover", 0);
    assertNotEquals(own.wireId(), wire);
    assertEquals(wire, ids.wireIdOf(Origin.EDITOR, own.wireId()).orElseThrow(), "cancel finds the wire id");
    var done = ids.complete(wire).orElseThrow();
    assertEquals(own.wireId(), done.originalId());
    assertEquals(Origin.EDITOR, done.origin());
    assertTrue(ids.wireIdOf(Origin.EDITOR, own.wireId()).isEmpty(), "answered: no longer cancellable");
    assertEquals(Origin.PROXY, ids.complete(own.wireId()).orElseThrow().origin());
  }

  @Test
  void portableIdsAreStringsAndJsonIntegersInInt64Range() {
    for (var text : new String[] {"0", "-0", "7", "-7", "999999999999999999", "-999999999999999999",
        "9223372036854775807", "-9223372036854775808", "\"x\"", "\"01\""}) {
      assertTrue(PendingRequests.portable(JsonParser.parseString(text)), text);
    }
    for (var text : new String[] {"9223372036854775808", "-9223372036854775809", "1.5", "1e3", "-0.0", "2.0"}) {
      assertFalse(PendingRequests.portable(JsonParser.parseString(text)), text);
    }
  }

  @Test
  void drainRemovesWhatMatches() {
    var ids = new PendingRequests();
    ids.relay(Origin.EDITOR, new JsonPrimitive(1), "a", 0);
    ids.relay(Origin.GOPLS, new JsonPrimitive(2), "b", 3);
    assertEquals(1, ids.drain(p -> p.origin() == Origin.EDITOR).size());
    assertEquals(1, ids.size());
    assertTrue(ids.complete(new JsonPrimitive(1)).isEmpty());
  }
}
