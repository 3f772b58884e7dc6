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

  @Test
  void controlCharactersOtherThanLineBreaksAreMadeVisibleInMessagesAndProperties() {
    var base = Path.of("/ws");
    var hostile = "panic: title\u001b]0;pwned\u0007 clear\u001b[2J\u001b[H clip\u001b]52;c;ZXZpbA==\u0007"
        + " cr\rfake csi\u009b31m end";
    var related = new Finding.Related(Path.of("/ws/main.go"), 7, 2, "called from \u001b[1mmain.main");
    var findings = List.of(finding(base.resolve("a\u001b[2J.go"), Severity.ERROR, "hotlsp", "pan\u009bic", hostile,
        List.of(related)));

    assertEquals("::error file=a\\x1b[2J.go,line=3,col=5,endLine=3,endColumn=9,title=hotlsp (pan\\u009bic)"
            + "::panic: title\\x1b]0;pwned\\x07 clear\\x1b[2J\\x1b[H clip\\x1b]52;c;ZXZpbA==\\x07 cr%0Dfake"
            + " csi\\u009b31m end%0Amain.go:7:2: called from \\x1b[1mmain.main\n",
        GithubAnnotations.annotations(findings, base));
  }

  private static CheckFinding finding(Path file, Severity severity, String source, String code, String message,
      List<Finding.Related> related) {
    return new CheckFinding(file, 3, 5, 3, 9, 5, severity, source, code, message, related, List.of());
  }
}
