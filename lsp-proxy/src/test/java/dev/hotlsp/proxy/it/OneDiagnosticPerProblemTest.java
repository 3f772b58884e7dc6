package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.startLine;
import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static dev.hotlsp.proxy.it.Builds.fromGoBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gopls and the real {@code go build} both report test-workspaces/typeerror's type
 * error; the editor sees it once, and once it is fixed, not at all.
 */
class OneDiagnosticPerProblemTest {
  private static final String TARGET = "example.com/typeerror";

  @Test
  void aTypeErrorGoplsAndTheBuildBothReportIsShownOnceAndClearsWhenFixed(@TempDir Path tmp) throws Exception {
    var config = EditorConfig.defaults().withWatchedFilesRegistration(false);
    try (var editor = Sessions.start(Builds.proxyBuildingAtStart(TARGET), "typeerror", tmp, config)) {
      var uri = editor.sandbox().uri("main.go");
      var both = editor.await(Expectation.allOf(
          buildEnded(TARGET, "with the type error", p -> !p.get("ok").getAsBoolean() && p.get("errors").getAsInt() == 1),
          diagnosticsFor(uri, "hold gopls's type error on line 8",
              ds -> ds.stream().anyMatch(d -> !fromGoBuild(d) && startLine(d) == 7))));

      var shown = latestDiagnostics(both, uri).orElseThrow();
      assertEquals(1, shown.size(), () -> "one diagnostic for one problem: " + shown);
      assertFalse(fromGoBuild(shown.get(0)), shown::toString);

      var fixed = editor.log().mark();
      editor.sandbox().write("main.go", editor.sandbox().read("main.go").replace("count = \"three\"", "count = 3"));
      editor.await(Expectation.allOf(buildEnded(TARGET, true), noDiagnostics(uri)).since(fixed));
    }
  }
}
