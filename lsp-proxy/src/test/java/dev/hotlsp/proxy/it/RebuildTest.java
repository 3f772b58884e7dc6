package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.noDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.startCharacter;
import static dev.hotlsp.proxy.harness.Expectations.startLine;
import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static dev.hotlsp.proxy.it.Builds.built;
import static dev.hotlsp.proxy.it.Builds.fromGoBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Watch, decide, rebuild through the real proxy, gopls and go: a change saved to disk rebuilds
 * exactly the run targets that import it, and the editor sees the result as diagnostics merged
 * with gopls's, {@code hotlsp/buildEnded}, and build progress.
 */
class RebuildTest {
  private static final EditorConfig NO_WATCHER = EditorConfig.defaults().withWatchedFilesRegistration(false);

  @ParameterizedTest(name = "editor supports work-done progress: {0}")
  @ValueSource(booleans = {true, false})
  void aSyntaxErrorSavedInAnImportedFileIsReportedWithGoplsAndClearsWhenFixed(boolean progress, @TempDir Path tmp)
      throws Exception {
    var target = "example.com/httpserver";
    // gopls spells URIs with Go's path escaping, which escapes "(" and ")" where Java's toUri does not:
    // the merge must hold in such a directory too
    var parent = Files.createDirectories(tmp.resolve("go (copy)"));
    try (var editor = Sessions.start(Builds.proxyBuildingAtStart(target), "httpserver", parent, NO_WATCHER.withWorkDoneProgress(progress))) {
      editor.await(built(target));
      var store = "internal/store/store.go";
      var storeUri = editor.sandbox().uri(store).replace("(", "%28").replace(")", "%29");
      var clean = editor.sandbox().read(store);
      var line = "func New() *Store { return &Store{notes: map[int]Note{\"héllo 😀\": }} }";
      // go reports the 1-based byte column of the "}" after ": "; LSP wants its 0-based UTF-16 offset
      int character = line.indexOf(": }") + 2;

      var broken = editor.log().mark();
      editor.sandbox().write(store, clean.replace("func New() *Store { return &Store{notes: map[int]Note{}} }", line));

      editor.await(buildEnded(target, "ok=false with errors", p -> !p.get("ok").getAsBoolean()
          && p.get("errors").getAsInt() >= 1 && !p.get("binaryChanged").getAsBoolean()).since(broken));
      editor.await(diagnosticsFor(storeUri, "hold go build's syntax error at 22:" + character + " and gopls's own",
          ds -> ds.stream().anyMatch(d -> fromGoBuild(d) && startLine(d) == 22 && startCharacter(d) == character
              && d.get("message").getAsString().contains("syntax error"))
              && ds.stream().anyMatch(d -> !fromGoBuild(d) && startLine(d) == 22)).since(broken));

      var fixed = editor.log().mark();
      editor.sandbox().write(store, clean);

      editor.await(Expectation.allOf(buildEnded(target, true), noDiagnostics(storeUri)).since(fixed));
      var view = editor.log().snapshot();
      if (progress) {
        editor.await(Builds.buildProgressPaired(Builds.buildsEnded(view).count()));
      } else {
        assertEquals(0, view.notifications("$/progress").count(), editor.log()::listing);
        assertFalse(view.fromServer().anyMatch(m -> m.method().equals("window/workDoneProgress/create")),
            editor.log()::listing);
      }
    }
  }

  @Test
  void aTestFileOrAnUnimportedPackageBuildsNothing(@TempDir Path tmp) throws Exception {
    var server = "example.com/multi/cmd/server";
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--build-all-on-open")), "multi", tmp, NO_WATCHER)) {
      editor.await(built(server, "example.com/multi/cmd/tool"));
      var mark = editor.log().mark();

      breakOnDisk(editor, "internal/store/store_test.go", "got != \"1\"", "got != 1", 7);
      breakOnDisk(editor, "internal/unused/unused.go", "return 42", "return \"42\"", 4);
      var store = "internal/store/store.go";
      editor.sandbox().write(store, editor.sandbox().read(store).replace("len(s.names)", "len(s.names) + 0"));

      editor.await(Expectation.allOf(buildEnded(server, true), Builds.buildProgressPaired(1)).since(mark));
      var view = editor.log().snapshot().since(mark);
      List<JsonObject> ended = Builds.buildsEnded(view).toList();
      assertEquals(1, ended.size(), () -> "only the store.go edit builds: " + ended);
      var reason = ended.get(0).get("reason").getAsString();
      assertTrue(reason.contains("store.go") && !reason.contains("store_test.go") && !reason.contains("unused"), reason);
      assertEquals(1, Builds.buildProgressBegins(view).size(), editor.log()::listing);
    }
  }

  @Test
  void aCommentOnlyEditKeepsTheBinary(@TempDir Path tmp) throws Exception {
    var app = "example.com/app";
    try (var editor = Sessions.start(Builds.proxyBuildingAtStart(app), "gowork", tmp, NO_WATCHER)) {
      editor.await(built(app));
      var greet = "lib/greet/greet.go";

      var body = editor.log().mark();
      editor.sandbox().write(greet, editor.sandbox().read(greet).replace("\"hello, \"", "\"hi, \""));
      editor.await(buildEnded(app, "ok, binary changed", p -> p.get("ok").getAsBoolean()
          && p.get("binaryChanged").getAsBoolean()).since(body));

      var comment = editor.log().mark();
      editor.sandbox().write(greet, editor.sandbox().read(greet).replace("a greeting", "a friendly greeting"));
      editor.await(buildEnded(app, true).since(comment));
      var ended = Builds.buildsEnded(editor.log().snapshot().since(comment)).toList();
      assertEquals(1, ended.size(), ended::toString);
      assertFalse(ended.get(0).get("binaryChanged").getAsBoolean(), () -> "a comment compiles to the same binary: " + ended);
    }
  }

  /** Saves a type error into a file no run target builds, and waits for gopls to report it (so the batch was handled). */
  private static void breakOnDisk(FakeEditor editor, String path, String from, String to, int line)
      throws Exception {
    var text = editor.sandbox().read(path);
    assertTrue(text.contains(from), path);
    var mark = editor.log().mark();
    editor.sandbox().write(path, text.replace(from, to));
    editor.await(diagnosticsFor(editor.sandbox().uri(path), "hold gopls's error on line " + line,
        ds -> ds.stream().anyMatch(d -> !fromGoBuild(d) && startLine(d) == line)).since(mark));
  }
}
