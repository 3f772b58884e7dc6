package dev.hotlsp.proxy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunArgumentsTest {
  private static JsonArray json(String text) {
    return JsonParser.parseString(text).getAsJsonArray();
  }

  @Test
  void runTakesATargetArgumentsAndEnvironment() throws Exception {
    assertEquals(new RunArguments(Optional.of("./cmd/server"), List.of("8080"), Map.of("A", "1")),
        RunArguments.ofRun("hotlsp.run", json("[{\"target\":\"./cmd/server\",\"args\":[\"8080\"],\"env\":{\"A\":\"1\"}}]")));
    assertEquals(new RunArguments(Optional.empty(), List.of(), Map.of()), RunArguments.ofRun("hotlsp.run", json("[]")));
    assertEquals(new RunArguments(Optional.empty(), List.of(), Map.of()), RunArguments.ofRun("hotlsp.run", json("[{}]")));
  }

  @Test
  void badShapesSayWhatIsExpected() {
    assertMessage("hotlsp.run takes one argument, an object {target?, args?, env?}, got [\"x\"]", true, "[\"x\"]");
    assertMessage("hotlsp.run takes one argument, an object {target?, args?, env?}, got [{},{}]", true, "[{},{}]");
    assertMessage("hotlsp.run: target must be a string, got 42", true, "[{\"target\":42}]");
    assertMessage("hotlsp.run: target must not be empty", true, "[{\"target\":\"\"}]");
    assertMessage("hotlsp.run: args must be an array of strings, got \"a b\"", true, "[{\"args\":\"a b\"}]");
    assertMessage("hotlsp.run: args[1] must be a string, got 1", true, "[{\"args\":[\"a\",1]}]");
    assertMessage("hotlsp.run: env.A must be a string, got true", true, "[{\"env\":{\"A\":true}}]");
    assertMessage("hotlsp.run: env name A=B is not a variable name", true, "[{\"env\":{\"A=B\":\"x\"}}]");
    assertMessage("hotlsp.stop: unknown member \"args\"; expected {target?}", false, "[{\"args\":[]}]");
  }

  private static void assertMessage(String expected, boolean run, String arguments) {
    var e = assertThrows(InvalidArgumentsException.class, () -> {
      if (run) {
        RunArguments.ofRun("hotlsp.run", json(arguments));
      } else {
        RunArguments.ofTarget("hotlsp.stop", json(arguments));
      }
    });
    assertEquals(expected, e.getMessage());
  }
}
