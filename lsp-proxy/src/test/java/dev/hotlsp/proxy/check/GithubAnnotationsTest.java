package dev.hotlsp.proxy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotlsp.bridge.crash.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubAnnotationsTest {
  @Test
  void aMessageEscapesPercentAndLineBreaksOnly() {
    assertEquals("100%25 done: a, b%0D%0Anext%0Alast", GithubAnnotations.data("100% done: a, b\r\nnext\nlast"));
  }

  @Test
  void aPropertyAlsoEscapesColonAndComma() {
    assertEquals("C%3A/a%2Cb%25%0A", GithubAnnotations.property("C:/a,b%\n"));
  }

  @Test
  void eachSeverityBecomesItsWorkflowCommandWithEscapedPropertiesAndMessage() {
    var base = Path.of("/ws");
    var related = new Finding.Related(Path.of("/ws/main.go"), 7, 2, "called from main.main");
    var findings = List.of(
        finding(base.resolve("odd,name:x.go"), Severity.ERROR, "hotlsp", "panic", "panic: 50%: a, b\nline two", List.of(related)),
        finding(base.resolve("a.go"), Severity.WARNING, "gopls", "printf", "w", List.of()),
        finding(base.resolve("a.go"), Severity.INFO, "gopls", "x", "i", List.of()),
        finding(base.resolve("a.go"), Severity.HINT, "gopls", "modernize", "h", List.of()));

    var lines = GithubAnnotations.annotations(findings, base).lines().toList();

    assertEquals(List.of(
        "::error file=odd%2Cname%3Ax.go,line=3,col=5,endLine=3,endColumn=9,title=hotlsp (panic)"
            + "::panic: 50%25: a, b%0Aline two%0Amain.go:7:2: called from main.main",
        "::warning file=a.go,line=3,col=5,endLine=3,endColumn=9,title=gopls (printf)::w",
        "::notice file=a.go,line=3,col=5,endLine=3,endColumn=9,title=gopls (x)::i",
        "::notice file=a.go,line=3,col=5,endLine=3,endColumn=9,title=gopls (modernize)::h"), lines);
  }

  private static CheckFinding finding(Path file, Severity severity, String source, String code, String message,
      List<Finding.Related> related) {
    return new CheckFinding(file, 3, 5, 3, 9, 5, severity, source, code, message, related, List.of());
  }
}
