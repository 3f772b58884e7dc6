package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static dev.hotlsp.proxy.it.Builds.built;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import dev.hotlsp.proxy.harness.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a workspace opens, HotLSP builds only the run targets it was asked to ({@code --build});
 * every other target is first built by the first change that affects it. Real proxy, gopls and go
 * on test-workspaces/multi.
 */
class StartBuildsTest {
  private static final EditorConfig NO_WATCHER = EditorConfig.defaults().withWatchedFilesRegistration(false);
  private static final String SERVER = "example.com/multi/cmd/server";
  private static final String TOOL = "example.com/multi/cmd/tool";

  @Test
  void onlyTheConfiguredTargetIsBuiltAtStartAndAnotherOnItsFirstChange(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Builds.proxyBuildingAtStart(TOOL), "multi", tmp, NO_WATCHER)) {
      editor.await(built(TOOL));
      var mark = editor.log().mark();
      var store = "internal/store/store.go";
      editor.sandbox().write(store, editor.sandbox().read(store).replace("len(s.names)", "len(s.names) + 0"));
      editor.await(buildEnded(SERVER, true).since(mark));

      var ended = Builds.buildsEnded(editor.log().snapshot()).toList();
      assertEquals(List.of(TOOL, SERVER), ended.stream().map(p -> p.get("target").getAsString()).toList(),
          ended::toString);
      assertEquals("initial build", reason(ended.get(0)));
      assertTrue(reason(ended.get(1)).startsWith("changed internal/store/store.go"), ended::toString);
    }
  }

  @Test
  void withoutConfiguredTargetsNothingIsBuiltUntilAChange(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(), "multi", tmp, NO_WATCHER)) {
      editUntilBuilt(editor, TOOL, "internal/util/util.go", "+ \"!\"");

      var ended = Builds.buildsEnded(editor.log().snapshot()).toList();
      assertTrue(ended.stream().allMatch(p -> p.get("target").getAsString().equals(TOOL)
          && reason(p).startsWith("changed internal/util/util.go")), ended::toString);
    }
  }

  @Test
  void aGoModFixedAfterOpenBuildsTheTargetsTheFixAffects(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("multi", Files.createDirectories(tmp.resolve("src")));
    var fixed = sandbox.read("go.mod");
    sandbox.write("go.mod", fixed + "\nbogus directive\n");
    var trace = tmp.resolve("trace.log");
    var proxy = Builds.tracedProxy(trace);
    Sessions.assumeAvailable(proxy);
    try (var editor = FakeEditor.start(proxy, sandbox, NO_WATCHER)) {
      // HotLSP's watcher is up once it tells gopls about a changed file (the editor has no watcher)
      var unused = "internal/unused/unused.go";
      var text = sandbox.read(unused);
      var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      for (int attempt = 1; !goplsToldOfAChange(trace); attempt++) {
        assertTrue(System.nanoTime() < deadline, "HotLSP never told gopls about " + unused);
        sandbox.write(unused, text + "\n// attempt " + attempt + "\n");
        try {
          Poll.until("a didChangeWatchedFiles", Duration.ofSeconds(2), () -> goplsToldOfAChange(trace), () -> "");
        } catch (AssertionError notYet) {
          // written before the watcher was up: write again
        }
      }

      var mark = editor.log().mark();
      sandbox.write("go.mod", fixed);
      editor.await(Expectation.allOf(buildEnded(SERVER, true), buildEnded(TOOL, true)).since(mark));
    }
  }

  /**
   * Appends to the string literal {@code literal} of {@code file} until {@code target} reports a
   * build: nothing signals that HotLSP's watcher is up when no build runs at start.
   */
  private static void editUntilBuilt(FakeEditor editor, String target, String file, String literal)
      throws Exception {
    var text = editor.sandbox().read(file);
    assertTrue(text.contains(literal), file);
    var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    for (int attempt = 1; ; attempt++) {
      var mark = editor.log().mark();
      editor.sandbox().write(file, text.replace(literal, literal.replace("\"!\"", "\"!" + "?".repeat(attempt) + "\"")));
      try {
        editor.log().await(buildEnded(target, true).since(mark), Duration.ofSeconds(5));
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
  }

  private static boolean goplsToldOfAChange(Path trace) {
    try {
      return !Builds.traced(trace, "hotlsp->gopls", "workspace/didChangeWatchedFiles").isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static String reason(JsonObject buildEnded) {
    return buildEnded.get("reason").getAsString();
  }
}
