package dev.hotlsp.proxy.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DocumentEditTest {
  @Test
  void documentChangesKeepTheirVersion() {
    var edit =
        JsonParser.parseString(
                "{\"documentChanges\":[{\"textDocument\":{\"uri\":\"file:///a.go\",\"version\":3},\"edits\":[]}]}")
            .getAsJsonObject();

    var docs = DocumentEdit.parse(edit);

    assertEquals(1, docs.size());
    assertEquals(OptionalInt.of(3), docs.get(0).version());
  }

  @Test
  void changesMapHasNoVersion() {
    var edit = JsonParser.parseString("{\"changes\":{\"file:///a.go\":[]}}").getAsJsonObject();

    assertEquals(OptionalInt.empty(), DocumentEdit.parse(edit).get(0).version());
  }

  @Test
  void fileOperationsAreRejected() {
    var edit = JsonParser.parseString("{\"documentChanges\":[{\"kind\":\"create\",\"uri\":\"file:///b.go\"}]}").getAsJsonObject();

    assertThrows(IllegalArgumentException.class, () -> DocumentEdit.parse(edit));
  }
}
