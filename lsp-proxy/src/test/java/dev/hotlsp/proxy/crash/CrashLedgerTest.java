package dev.hotlsp.proxy.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashLedgerTest {
  private static final String U = "file:///w/u.go";
  private static final String V = "file:///w/v.go";
  private final CrashLedger ledger = new CrashLedger();

  @Test
  void twoTargetsCrashesDoNotClearEachOther() {
    assertEquals(Map.of(U, array("a")), ledger.record("A", "r1", 0, Map.of(U, List.of(d("a")))));
    assertEquals(Map.of(U, array("a", "b")), ledger.record("B", "r2", 0, Map.of(U, List.of(d("b")))));
    assertEquals(Map.of(U, array("b")), ledger.record("A", "r3", 0, Map.of()), "A's clean run clears only A's");
    assertEquals(Map.of(U, array()), ledger.record("B", "r4", 0, Map.of()));
  }

  @Test
  void eachRecordHoldsTheRunsFindingsSoFarAndALaterRunReplaces() {
    ledger.record("A", "r1", 0, Map.of(U, List.of(d("race"))));
    assertEquals(Map.of(V, array("panic")), ledger.record("A", "r1", 0, Map.of(U, List.of(d("race")), V, List.of(d("panic")))),
        "a race then the crash at the end of the same run: both stay");
    assertEquals(Map.of(U, array("race (2 times)")),
        ledger.record("A", "r1", 0, Map.of(U, List.of(d("race (2 times)")), V, List.of(d("panic")))),
        "a repeat's count replaces the finding it counts");
    assertEquals(Map.of(), ledger.record("A", "r1", 0, Map.of(U, List.of(d("race (2 times)")), V, List.of(d("panic")))),
        "its end with nothing more changes nothing");
    assertEquals(Map.of(U, array(), V, array("elsewhere")), ledger.record("A", "r2", 0, Map.of(V, List.of(d("elsewhere")))),
        "the next run crashes elsewhere: its finding replaces the older ones");
  }

  @Test
  void aChangedFileLosesItsCrashDiagnosticsForEveryTargetAndOnlyIt() {
    ledger.record("A", "r1", 0, Map.of(U, List.of(d("a")), V, List.of(d("v"))));
    ledger.record("B", "r2", 0, Map.of(U, List.of(d("b"))));
    assertEquals(Map.of(U, array()), ledger.fileChanged(U));
    assertEquals(Map.of(), ledger.fileChanged(U), "nothing left to take away");
    assertEquals(Map.of(V, array()), ledger.record("A", "r3", ledger.mark(), Map.of()), "V stayed until A's next run");
  }

  @Test
  void aRunThatStartedBeforeAChangeNeverPutsFindingsBackOnTheChangedFile() {
    long before = ledger.mark();
    ledger.fileChanged(U);
    assertEquals(Map.of(V, array("v")), ledger.record("A", "r1", before, Map.of(U, List.of(d("old")), V, List.of(d("v")))));
    long after = ledger.mark();
    assertEquals(Map.of(U, array("new")), ledger.record("A", "r2", after, Map.of(U, List.of(d("new")), V, List.of(d("v")))),
        "a run of the new text is shown; V's finding is the same and is not sent again");
  }

  @Test
  void theSameFindingFromTwoTargetsShowsOnce() {
    ledger.record("A", "r1", 0, Map.of(U, List.of(d("shared"))));
    assertEquals(Map.of(), ledger.record("B", "r2", 0, Map.of(U, List.of(d("shared")))));
    assertEquals(Map.of(), ledger.record("A", "r3", 0, Map.of()), "B still shows it");
    assertEquals(Map.of(U, array()), ledger.record("B", "r4", 0, Map.of()));
  }

  private static JsonObject d(String message) {
    var o = new JsonObject();
    o.addProperty("message", message);
    return o;
  }

  private static JsonArray array(String... messages) {
    var a = new JsonArray();
    for (var m : messages) {
      a.add(d(m));
    }
    return a;
  }
}
