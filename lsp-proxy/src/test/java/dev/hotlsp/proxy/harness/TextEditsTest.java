package dev.hotlsp.proxy.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEditsTest {
  @Test
  void positionsCountUtf16CodeUnits() {
    var text = "a😀b\nxy";

    assertEquals(3, TextEdits.offset(text, new Pos(0, 3)));
    assertEquals("a😀Zb\nxy", TextEdits.replace(text, new Pos(0, 3), new Pos(0, 3), "Z"));
    assertEquals(6, TextEdits.offset(text, new Pos(1, 1)));
  }

  @Test
  void editsApplyAgainstTheOriginalText() {
    var text = "func Greeting() {}\nGreeting()\n";
    var edits = List.of(edit(0, 5, 0, 13, "Salute"), edit(1, 0, 1, 8, "Salute"));

    assertEquals("func Salute() {}\nSalute()\n", TextEdits.apply(text, edits));
  }

  @Test
  void insertionsAtOnePositionKeepTheirOrder() {
    assertEquals("abX", TextEdits.apply("X", List.of(edit(0, 0, 0, 0, "a"), edit(0, 0, 0, 0, "b"))));
  }

  @Test
  void positionBeyondTheLineIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> TextEdits.offset("ab\ncd", new Pos(0, 3)));
    assertThrows(IllegalArgumentException.class, () -> TextEdits.offset("ab", new Pos(2, 0)));
  }

  @Test
  void positionOfFindsLineAndCharacter() {
    assertEquals(new Pos(1, 2), Pos.of("one\ntwo three", "o t"));
  }

  private static JsonObject edit(int l1, int c1, int l2, int c2, String text) {
    var range = new JsonObject();
    range.add("start", new Pos(l1, c1).toJson());
    range.add("end", new Pos(l2, c2).toJson());
    var edit = new JsonObject();
    edit.add("range", range);
    edit.addProperty("newText", text);
    return edit;
  }
}
