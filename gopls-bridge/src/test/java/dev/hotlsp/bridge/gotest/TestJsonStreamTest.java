package dev.hotlsp.bridge.gotest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonStreamTest {
  @Test
  void eventsComeAsTheirLinesEndWhereverTheChunksAreCut() {
    var stream = new TestJsonStream();
    assertEquals(List.of(), stream.feed("{\"Action\":\"run\",\"Package\":\"m/p\",\"Te"));
    var events = stream.feed("st\":\"TestA\"}\n{\"ImportPath\":\"m/p [m/p.test]\",\"Action\":\"build-output\",\"Output\":\"x\"}\nno");
    assertEquals(List.of(new TestEvent("run", "m/p", "TestA", "", -1, "", ""),
        new TestEvent("build-output", "m/p", null, "x", -1, "m/p [m/p.test]", "")), events);
    assertEquals(List.of(TestEvent.text("no newline\n")), concat(stream.feed(" newline"), stream.finish()));
  }

  @Test
  void aLineTooLongIsCutAndKeptAsText() {
    var stream = new TestJsonStream(64);
    var events = stream.feed("{\"Action\":\"output\",\"Output\":\"" + "y".repeat(100) + "\"}\n");
    assertEquals(1, events.size());
    assertEquals(TestEvent.TEXT, events.get(0).action());
    assertEquals(("{\"Action\":\"output\",\"Output\":\"" + "y".repeat(100)).substring(0, 64) + "… [67 more characters]\n",
        events.get(0).output());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    var out = new java.util.ArrayList<T>(a);
    out.addAll(b);
    return out;
  }
}
