package dev.hotlsp.proxy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text reports of {@code check} and {@code hotlsp crash}: what a finding quotes cannot drive the terminal. */
class FindingsReportTest {
  private static final String HOSTILE = "panic: title\u001b]0;pwned\u0007 clear\u001b[2J\u001b[H"
      + " clip\u001b]52;c;ZXZpbA==\u0007 cr\rfake csi\u009b31m end";
  private static final String ESCAPED = "panic: title\\x1b]0;pwned\\x07 clear\\x1b[2J\\x1b[H"
      + " clip\\x1b]52;c;ZXZpbA==\\x07 cr\\rfake csi\\u009b31m end";
  private static final Path BASE = Path.of("/ws");
  private static final Finding.Related RELATED =
      new Finding.Related(BASE.resolve("odd\u001b[2Jname.go"), 7, 2, "called from \u009b1mmain.main\nnext");

  @Test
  void checkTextEscapesControlsInMessagesPathsAndSources() {
    var finding = new CheckFinding(BASE.resolve("main.go"), 3, 5, 3, 9, 5, Severity.ERROR, "hotlsp\u0007", "panic",
        HOSTILE, List.of(RELATED), List.of());

    assertEquals("main.go:3:5: error: " + ESCAPED + " [hotlsp\\x07]\n"
            + "    odd\\x1b[2Jname.go:7:2: called from \\u009b1mmain.main\\nnext\n",
        FindingsReport.checkText(List.of(finding), BASE));
  }

  @Test
  void crashTextEscapesControlsInMessagesAndPathsAndJsonKeepsTheMessageExact() {
    var finding = new Finding(BASE.resolve("main.go"), 3, 5, 3, 9, "panic", HOSTILE, List.of(RELATED));

    assertEquals("main.go:3:5: error: " + ESCAPED + " [panic]\n"
            + "    odd\\x1b[2Jname.go:7:2: called from \\u009b1mmain.main\\nnext\n",
        FindingsReport.text(List.of(finding), BASE));
    var json = FindingsReport.json(List.of(finding), BASE);
    assertTrue(json.chars().noneMatch(c -> c < 0x20 && c != '\n'), json);
    assertEquals(HOSTILE, JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("findings").get(0)
        .getAsJsonObject().get("message").getAsString());
  }
}
