package dev.hotlsp.proxy.wiretest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace FILE} records both sides of the proxy: editor and gopls, each way, with the exact bodies. */
class TraceTest {
  @Test
  void aRoundTripIsTracedOnBothSides(@TempDir Path tmp) throws Exception {
    var trace = tmp.resolve("trace.log");
    var request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{}}";
    var reply = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}";
    try (var proxy = new ProxyFixture("--trace", trace.toString())) {
      var server = proxy.server(0);
      proxy.send(request);
      server.received.next();
      server.send(reply);
      proxy.editor.next();
      proxy.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      proxy.exit.get(10, TimeUnit.SECONDS);
    }

    var lines = Files.readAllLines(trace, UTF_8).stream().map(l -> l.split(" ", 2)[1]).toList();

    // each side in order; the two sides' records may interleave
    assertInOrder(lines, "editor->hotlsp " + request, "hotlsp->gopls " + request);
    assertInOrder(lines, "gopls->hotlsp " + reply, "hotlsp->editor " + reply);
  }

  private static void assertInOrder(List<String> lines, String first, String then) {
    int a = lines.indexOf(first);
    int b = lines.indexOf(then);
    assertTrue(a >= 0 && b > a, () -> "\"" + first + "\" then \"" + then + "\" in " + lines);
  }
}
