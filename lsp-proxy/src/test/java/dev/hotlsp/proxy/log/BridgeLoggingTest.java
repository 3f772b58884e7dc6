package dev.hotlsp.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** gopls-bridge's System.Logger lines land in HotLSP's log, one line each, at their level. */
class BridgeLoggingTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
  private final System.Logger bridge = System.getLogger("dev.hotlsp.bridge.build.Rebuilder");

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(l.indexOf(" hotlsp ") + 1)).toList();
  }

  @Test
  void warningsAndErrorsGoToTheLogOnOneLineEach() {
    var log = new Log(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, false);
    try (var installed = BridgeLogging.install(log)) {
      bridge.log(System.Logger.Level.WARNING, "go list failed:\nexit 1");
      bridge.log(System.Logger.Level.ERROR, "the loop failed", new IOException("boom"));
      bridge.log(System.Logger.Level.INFO, "graph loaded");
      bridge.log(System.Logger.Level.DEBUG, "not without --debug");
    }
    assertEquals(List.of(
        "hotlsp WARN Rebuilder: go list failed: exit 1",
        "hotlsp ERROR Rebuilder: the loop failed: java.io.IOException: boom",
        "hotlsp INFO Rebuilder: graph loaded"), lines());
  }

  @Test
  void debugLinesWithDebug() {
    var log = new Log(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, true);
    try (var installed = BridgeLogging.install(log)) {
      bridge.log(System.Logger.Level.DEBUG, "batch of {0} changes", 3);
    }
    assertEquals(List.of("hotlsp DEBUG Rebuilder: batch of 3 changes"), lines());
  }

  @Test
  void closingPutsBackWhatWasThere() {
    var root = Logger.getLogger("");
    var before = List.of(root.getHandlers());
    var level = root.getLevel();
    var log = new Log(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, false);
    BridgeLogging.install(log).close();
    assertEquals(before, List.of(root.getHandlers()));
    assertEquals(level, root.getLevel());
    bridge.log(System.Logger.Level.WARNING, "after close");
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("after close"));
    assertTrue(lines().isEmpty());
  }
}
