package dev.hotlsp.bridge.gotest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A push parser of {@code go test -json} output: {@link #feed} takes text as it arrives, in chunks
 * cut anywhere, and returns the events of the lines it completed; {@link #finish} at the end of the
 * stream returns the last, unterminated line's. A line that is not a JSON object becomes a {@link
 * TestEvent#TEXT} event. Lines are bounded: a line longer than {@code maxLine} characters is cut,
 * the rest counted. Not thread-safe.
 */
public final class TestJsonStream {
  /** The default bound of one line: test2json itself splits longer output lines. */
  public static final int MAX_LINE = 4 * 1024 * 1024;

  private final int maxLine;
  private final StringBuilder line = new StringBuilder();
  private long cut;

  public TestJsonStream() {
    this(MAX_LINE);
  }

  public TestJsonStream(int maxLine) {
    if (maxLine < 64) {
      throw new IllegalArgumentException("maxLine below 64: " + maxLine);
    }
    this.maxLine = maxLine;
  }

  /** The events of the lines {@code chunk} completes. */
  public List<TestEvent> feed(CharSequence chunk) {
    var out = new ArrayList<TestEvent>();
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (c == '\n') {
        out.add(parse(line.toString(), cut));
        line.setLength(0);
        cut = 0;
      } else if (line.length() < maxLine) {
        line.append(c);
      } else {
        cut++;
      }
    }
    return out;
  }

  /** The event of the last line, when the stream did not end with a newline. */
  public List<TestEvent> finish() {
    if (line.isEmpty() && cut == 0) {
      return List.of();
    }
    var last = parse(line.toString(), cut);
    line.setLength(0);
    cut = 0;
    return List.of(last);
  }

  /** One complete line (without its newline) as an event. */
  static TestEvent parse(String text, long cut) {
    if (cut == 0 && text.startsWith("{") && text.endsWith("}")) {
      try {
        var object = JsonParser.parseString(text).getAsJsonObject();
        if (object.has("Action")) {
          return event(object);
        }
      } catch (RuntimeException e) {
        // not an event: kept as text
      }
    }
    return TestEvent.text(cut == 0 ? text + "\n" : text + "… [" + cut + " more characters]\n");
  }

  private static TestEvent event(JsonObject o) {
    String action = str(o, "Action");
    String importPath = str(o, "ImportPath");
    String pkg = str(o, "Package");
    if (pkg.isEmpty() && !importPath.isEmpty()) {
      pkg = importPath.split(" ", 2)[0];
    }
    JsonElement test = o.get("Test");
    JsonElement elapsed = o.get("Elapsed");
    return new TestEvent(action, pkg, test == null || test.isJsonNull() ? null : test.getAsString(),
        str(o, "Output"), elapsed == null || elapsed.isJsonNull() ? -1 : elapsed.getAsDouble(), importPath,
        str(o, "FailedBuild"));
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }
}
