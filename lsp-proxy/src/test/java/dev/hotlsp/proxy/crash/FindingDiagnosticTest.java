package dev.hotlsp.proxy.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class FindingDiagnosticTest {
  private static final Path STORE = Path.of("/w/internal/store/store.go");
  private static final Path MAIN = Path.of("/w/main.go");

  @Test
  void linesAndColumnsBecomeZeroBasedAndTheChainBecomesRelatedInformation() {
    var finding = new Finding(STORE, 13, 2, 13, 14, "panic", "panic: assignment to entry in nil map",
        List.of(new Finding.Related(MAIN, 31, 3, "called from main.main")));
    var d = FindingDiagnostic.of(finding);
    assertEquals(new Range(new Position(12, 1), new Position(12, 13)), d.getRange());
    assertEquals(DiagnosticSeverity.Error, d.getSeverity());
    assertEquals("hotlsp", d.getSource());
    assertEquals("panic", d.getCode().getLeft());
    assertEquals("panic: assignment to entry in nil map", d.getMessage().getLeft());
    var related = d.getRelatedInformation();
    assertEquals(1, related.size());
    assertEquals("file:///w/main.go", related.get(0).getLocation().getUri());
    assertEquals(new Range(new Position(30, 2), new Position(30, 2)), related.get(0).getLocation().getRange());
    assertEquals("called from main.main", related.get(0).getMessage());
  }

  @Test
  void columnsAlreadyCountUtf16SoOnlyOneIsSubtracted() {
    // "\ts := \"😀\"; panic(s)": 😀 is two UTF-16 units (four UTF-8 bytes); the finding's columns are UTF-16
    var d = FindingDiagnostic.of(new Finding(MAIN, 1, 13, 1, 21, "panic", "panic: 😀", List.of()));
    assertEquals(new Range(new Position(0, 12), new Position(0, 20)), d.getRange());
    assertNull(d.getRelatedInformation(), "no related information: the member is left out");
  }

  @Test
  void findingsAreGroupedByTheUriGoplsWouldUse() {
    var odd = Path.of("/w/dir (x)/a.go");
    var byUri = FindingDiagnostic.byUri(List.of(
        new Finding(odd, 1, 1, 1, 2, "race", "data race: write by goroutine 7", List.of()),
        new Finding(MAIN, 2, 1, 2, 2, "race", "data race: previous read by main goroutine", List.of()),
        new Finding(odd, 3, 1, 3, 2, "fatal", "fatal error: x", List.of())));
    assertEquals(List.of("file:///w/dir%20%28x%29/a.go", "file:///w/main.go"), List.copyOf(byUri.keySet()));
    assertEquals(2, byUri.get("file:///w/dir%20%28x%29/a.go").size());
    assertEquals("\"race\"", byUri.get("file:///w/main.go").get(0).get("code").toString());
  }
}
