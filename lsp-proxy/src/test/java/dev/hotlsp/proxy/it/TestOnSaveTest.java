package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.notification;
import static dev.hotlsp.proxy.harness.Expectations.progressEnded;
import static dev.hotlsp.proxy.harness.Expectations.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.LoggedMessage;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests on save through the real proxy, gopls and go on a copy of test-workspaces/testing: a saved
 * library change runs the tests that can see it (those of the packages importing it), their
 * failures land on their {@code _test.go} lines as {@code hotlsp} diagnostics beside gopls's, a fix
 * clears them, a change no test can see runs nothing, and {@code hotlsp.test} answers with results.
 */
class TestOnSaveTest {
  private static final EditorConfig NO_WATCHER =
      EditorConfig.defaults().withWatchedFilesRegistration(false).withWorkDoneProgress(true);
  private static final String REPORT = "example.com/testing/report";
  private static final String LIB = "example.com/testing/lib";
  private static final String GREET = "example.com/testing/greet";

  private static FakeEditor start(Path tmp) throws Exception {
    var editor = Sessions.start(Servers.proxyInProcess(List.of("--test-on-save")), "testing", tmp, NO_WATCHER);
    editor.requests().executeCommand("hotlsp.listTests"); // answers once the folder's graph is loaded
    return editor;
  }

  private static boolean testFailure(JsonObject d) {
    return d.has("source") && d.get("source").getAsString().equals("hotlsp")
        && d.has("code") && d.get("code").getAsString().equals("test-failure");
  }

  /** Met when a run's closing {@code hotlsp/testResults} satisfies {@code holds}. */
  private static Expectation runDone(String what, java.util.function.Predicate<JsonObject> holds) {
    return notification("hotlsp/testResults", what, p -> p.get("done").getAsBoolean() && holds.test(p));
  }

  private static Set<String> packages(JsonObject results) {
    var out = new java.util.TreeSet<String>();
    results.getAsJsonArray("packages").forEach(p -> out.add(p.getAsJsonObject().get("importPath").getAsString()));
    return out;
  }

  private static String status(JsonObject results, String importPath) {
    for (var p : results.getAsJsonArray("packages")) {
      if (p.getAsJsonObject().get("importPath").getAsString().equals(importPath)) {
        return p.getAsJsonObject().get("status").getAsString();
      }
    }
    return "absent";
  }

  @Test
  void savingTheLibraryShowsTheImportersFailureOnItsTestLineAndFixingItClearsIt(@TempDir Path tmp) throws Exception {
    try (var editor = start(tmp)) {
      var lib = "lib/lib.go";
      var reportTest = editor.sandbox().uri("report/report_test.go");
      var clean = editor.sandbox().read(lib);

      var seeded = editor.log().mark();
      editor.sandbox().write(lib, clean.replace("total += x", "total += x * 2"));
      var failed = editor.await(Expectation.allOf(
          diagnosticsFor(reportTest, "hold report's t.Errorf failure on its line (0-based 7)",
              ds -> ds.stream().anyMatch(d -> testFailure(d) && startLine(d) == 7
                  && d.get("message").getAsString().contains("TestTotal"))),
          runDone("with report failing", p -> status(p, REPORT).equals("fail")),
          progressEnded("Testing")).since(seeded));
      var done = failed.notifications("hotlsp/testResults").map(LoggedMessage::params)
          .filter(p -> p.get("done").getAsBoolean() && status(p, REPORT).equals("fail")).findFirst().orElseThrow();
      assertEquals("save", done.get("trigger").getAsString());
      assertEquals(Set.of(LIB, GREET, REPORT), packages(done), "exactly the packages whose tests can see lib");
      assertEquals("pass", status(done, GREET), done::toString);

      var fixed = editor.log().mark();
      editor.sandbox().write(lib, clean);
      editor.await(Expectation.allOf(
          runDone("with report passing", p -> status(p, REPORT).equals("pass")),
          diagnosticsFor(reportTest, "hold no test failure", ds -> ds.stream().noneMatch(TestOnSaveTest::testFailure)))
          .since(fixed));
    }
  }

  @Test
  void aChangeNoTestCanSeeRunsNothing(@TempDir Path tmp) throws Exception {
    try (var editor = start(tmp)) {
      var mark = editor.log().mark();
      var unrelated = "unrelated/unrelated.go";
      editor.sandbox().write(unrelated, "package unrelated\n\nfunc F() int { return \"no\" }\n");
      // gopls hears of the file from HotLSP's watcher batch, the same batch the rebuild loop decided on
      editor.await(diagnosticsFor(editor.sandbox().uri(unrelated), "hold gopls's type error",
          ds -> ds.stream().anyMatch(d -> startLine(d) == 2)).since(mark));
      var report = "report/report.go";
      editor.sandbox().write(report, editor.sandbox().read(report).replace("formats the sum", "formats the total"));
      var view = editor.await(runDone("of report", p -> packages(p).contains(REPORT)).since(mark));
      var runs = view.since(mark).notifications("hotlsp/testResults").map(LoggedMessage::params)
          .map(p -> p.get("runId").getAsLong()).collect(Collectors.toSet());
      assertEquals(1, runs.size(), () -> "only the report edit ran tests: " + editor.log().listing());
    }
  }

  @Test
  void theTestCommandAnswersWithTheResultsOfItsPackages(@TempDir Path tmp) throws Exception {
    try (var editor = start(tmp)) {
      var listed = editor.requests().executeCommand("hotlsp.listTests").getAsJsonObject().getAsJsonArray("packages");
      var report = listed.asList().stream().map(JsonObject.class::cast)
          .filter(p -> p.get("importPath").getAsString().equals(REPORT)).findFirst().orElseThrow();
      var total = report.getAsJsonArray("tests").get(0).getAsJsonObject();
      assertEquals("TestTotal", total.get("name").getAsString());
      assertEquals("test", total.get("kind").getAsString());
      assertEquals(4, total.get("line").getAsInt());
      assertEquals(editor.sandbox().uri("report/report_test.go"), total.get("uri").getAsString());

      var args = new JsonObject();
      var packages = new JsonArray();
      packages.add(REPORT);
      args.add("packages", packages);
      var answer = editor.requests().executeCommand("hotlsp.test", args).getAsJsonObject();
      assertFalse(answer.get("stopped").getAsBoolean(), answer::toString);
      assertTrue(answer.get("runId").getAsLong() > 0, answer::toString);
      assertEquals("pass", status(answer, REPORT), answer::toString);
      var tests = answer.getAsJsonArray("packages").get(0).getAsJsonObject().getAsJsonArray("tests");
      var names = tests.asList().stream().map(t -> t.getAsJsonObject().get("name").getAsString()).toList();
      assertEquals(List.of("TestTotal", "TestTotalEmpty"), names);
      editor.await(runDone("of the command", p -> p.get("trigger").getAsString().equals("command")));
    }
  }
}
