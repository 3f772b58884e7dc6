package dev.hotlsp.proxy.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MessageLogTest {
  private static final String URI = "file:///w/main.go";

  private final MessageLog log = new MessageLog(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void awaitWakesWhenAMatchingMessageArrives() throws Exception {
    var waiter = CompletableFuture.supplyAsync(() -> awaitQuietly(Expectations.noDiagnostics(URI)));

    serverSends(publish(URI, "[]"));

    assertEquals(1, waiter.get().messages().size());
  }

  @Test
  void latestDiagnosticsDecide() throws Exception {
    serverSends(publish(URI, "[]"));
    serverSends(publish(URI, "[" + diagnostic(7, "cannot use") + "]"));

    log.await(Expectations.diagnosticAt(URI, 7, "cannot use"), Duration.ofSeconds(5));
    var stale = log.mark();
    assertThrows(AssertionError.class, () -> log.await(Expectations.noDiagnostics(URI), Duration.ofMillis(1)));
    serverSends(publish(URI, "[]"));
    log.await(Expectations.noDiagnostics(URI).since(stale), Duration.ofSeconds(5));
  }

  @Test
  void failureListsEverythingSeen() {
    serverSends("{\"jsonrpc\":\"2.0\",\"method\":\"window/logMessage\",\"params\":{\"type\":3,\"message\":\"hi\"}}");

    var e = assertThrows(AssertionError.class, () -> log.await(Expectations.showMessage(1, "boom"), Duration.ofMillis(1)));

    assertTrue(e.getMessage().contains("window/logMessage"), e.getMessage());
    assertTrue(e.getMessage().contains("showMessage"), e.getMessage());
  }

  @Test
  void closedLogFailsAtOnceUnlessTheExpectationHolds() throws Exception {
    log.close("end of stream");

    var e = assertThrows(AssertionError.class, () -> log.await(Expectations.noDiagnostics(URI), Duration.ofDays(1)));
    assertTrue(e.getMessage().contains("end of stream"), e.getMessage());
    log.await(Expectations.connectionClosed(), Duration.ofDays(1));
  }

  @Test
  void onceMetIsUnmeetableWhenThePreconditionHoldsAlone() {
    serverSends(publish(URI, "[]"));
    var never = Expectation.onceMet(Expectations.noDiagnostics(URI), Expectations.showMessage(1, "x"));

    assertEquals(Verdict.UNMEETABLE, never.verdict(log.snapshot()));
    assertThrows(AssertionError.class, () -> log.await(never, Duration.ofDays(1)));
  }

  @Test
  void progressEndedNeedsBeginAndEndOfTheSameToken() {
    serverSends(progress("1", "{\"kind\":\"begin\",\"title\":\"Setting up workspace\"}"));
    serverSends(progress("2", "{\"kind\":\"end\"}"));
    var ended = Expectations.progressEnded("Setting up");

    assertEquals(Verdict.UNMET, ended.verdict(log.snapshot()));
    serverSends(progress("1", "{\"kind\":\"end\"}"));
    assertEquals(Verdict.MET, ended.verdict(log.snapshot()));
  }

  private LogView awaitQuietly(Expectation e) {
    try {
      return log.await(e, Duration.ofSeconds(30));
    } catch (InterruptedException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private void serverSends(String json) {
    log.append(Direction.FROM_SERVER, JsonParser.parseString(json).getAsJsonObject());
  }

  private static String publish(String uri, String diagnostics) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":\""
        + uri + "\",\"diagnostics\":" + diagnostics + "}}";
  }

  private static String diagnostic(int line, String message) {
    return "{\"range\":{\"start\":{\"line\":" + line + ",\"character\":9},\"end\":{\"line\":" + line
        + ",\"character\":16}},\"severity\":1,\"message\":\"" + message + "\"}";
  }

  private static String progress(String token, String value) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"$/progress\",\"params\":{\"token\":\"" + token + "\",\"value\":" + value + "}}";
  }
}
