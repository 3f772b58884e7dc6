package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** go's binary names for {@code -o DIR/}, as cmd/go's exeFromImportPath gives them. */
class ExecutableNamesTest {
  @Test
  void theLastElementOrTheOneBeforeAMajorVersion() {
    assertEquals("server", ExecutableNames.of("example.com/m/cmd/server"));
    assertEquals("cmd", ExecutableNames.of("example.com/cmd/v2"));
    assertEquals("tool", ExecutableNames.of("example.com/tool/v10"));
    assertEquals("v1", ExecutableNames.of("example.com/tool/v1"));
    assertEquals("v0", ExecutableNames.of("example.com/tool/v0"));
    assertEquals("v02", ExecutableNames.of("example.com/tool/v02"));
    assertEquals("v2x", ExecutableNames.of("example.com/tool/v2x"));
    assertEquals("v2", ExecutableNames.of("v2"));
    assertEquals("hello", ExecutableNames.of("hello"));
  }

  @Test
  void aGroupTakesEachNameOnce() {
    var queued =
        new TreeSet<>(
            List.of("m/cmd/alpha", "m/cmd/beta", "m/cmd/beta/v2", "m/cmd/gamma", "m/tools/alpha"));
    assertEquals(List.of("m/cmd/alpha", "m/cmd/beta", "m/cmd/gamma"), ExecutableNames.firstGroup(queued));
    queued.removeAll(ExecutableNames.firstGroup(queued));
    assertEquals(List.of("m/cmd/beta/v2", "m/tools/alpha"), ExecutableNames.firstGroup(queued));
  }
}
