package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebuild loop with the real go toolchain on a copy of test-workspaces/multi. */
class RebuildLoopTest {
  static final String SERVER = "example.com/multi/cmd/server";
  static final String TOOL = "example.com/multi/cmd/tool";
  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();
  private Path root;
  private RebuildLoop loop;

  @BeforeEach
  void start() throws Exception {
    root = Workspaces.copy("multi", tmp);
    loop = RebuildLoop.start(RebuildConfig.defaults(GoWorkspace.detect(root, go), Workspaces.cache(tmp)), go, listener);
  }

  @AfterEach
  void stop() throws InterruptedException {
    loop.close();
  }

  private void edit(String file, String from, String to) throws IOException {
    var path = root.resolve(file);
    var text = Files.readString(path);
    assertTrue(text.contains(from), () -> file + " has no " + from);
    Files.writeString(path, text.replace(from, to));
    loop.onBatch(ChangeBatch.of(new FileChange(path, FileChange.Kind.MODIFIED)));
  }

  @Test
  void editsRebuildOnlyTheTargetsThatImportTheChangedPackage() throws Exception {
    edit("internal/store/store.go", "len(s.names)", "len(s.names)+1");
    assertEquals(Set.of(SERVER), listener.decision(1).targets().keySet());
    var server = listener.result(SERVER, 1);
    assertTrue(server.ok(), () -> server.errors().toString());
    assertTrue(server.binaryChanged());
    assertTrue(server.reason().startsWith("changed internal/store/store.go"), server.reason());
    assertTrue(Files.isExecutable(server.binary()));
    assertTrue(server.binary().startsWith(tmp.resolve("xdg-cache/hotlsp/builds")), server.binary()::toString);
    assertTrue(server.binary().getFileName().toString().startsWith("example.com_multi_cmd_server-"));

    edit("internal/util/util.go", "\"!\"", "\"!!\"");
    assertEquals(Set.of(TOOL), listener.decision(2).targets().keySet());
    assertTrue(listener.result(TOOL, 1).ok());
    assertEquals(
        List.of(SERVER, TOOL), listener.started().stream().map(BuildStarted::target).toList());
  }

  @Test
  void aCommentOnlyEditLeavesTheBinaryUnchanged() throws Exception {
    loop.build(Set.of(SERVER), "initial build");
    assertTrue(listener.result(SERVER, 1).binaryChanged());
    edit("internal/store/store.go", "// Add appends a name.", "// Add appends one name");
    var again = listener.result(SERVER, 2);
    assertTrue(again.ok());
    assertFalse(again.binaryChanged(), "a comment on the same lines must not change the binary");
  }

  @Test
  void aCommentOnlyEditInTheMainPackageLeavesTheBinaryUnchanged() throws Exception {
    loop.build(Set.of(SERVER), "initial build");
    assertTrue(listener.result(SERVER, 1).binaryChanged());
    edit("cmd/server/main.go", "// Command server serves", "// Command server (edited) serves");
    var again = listener.result(SERVER, 2);
    assertTrue(again.ok(), () -> again.errors().toString());
    assertFalse(again.binaryChanged(), "only go's build ID changed in the binary");
    edit("cmd/server/main.go", "Describe(\"server\")", "Describe(\"server2\")");
    assertTrue(listener.result(SERVER, 3).binaryChanged());
  }

  @Test
  void editsNoTargetDependsOnBuildNothing() throws Exception {
    Files.writeString(root.resolve("README.md"), "# multi\n");
    loop.onBatch(
        new ChangeBatch(
            List.of(
                new FileChange(
                    root.resolve("internal/store/store_test.go"), FileChange.Kind.MODIFIED),
                new FileChange(root.resolve("internal/unused/unused.go"), FileChange.Kind.MODIFIED),
                new FileChange(root.resolve("README.md"), FileChange.Kind.CREATED)),
            false));
    var nothing = listener.decision(1);
    assertEquals(Map.of(), nothing.targets());
    assertEquals("", nothing.graphReloadReason());
    edit("internal/util/util.go", "\"!\"", "\"?\"");
    listener.result(TOOL, 1);
    assertEquals(List.of(TOOL), listener.started().stream().map(BuildStarted::target).toList());
  }

  @Test
  void aSyntaxErrorGivesItsPositionAndTheFixClearsIt() throws Exception {
    var broken = "func (s *Store) Add(name string) { _ = \"é\"; s.names = append(s.names, name }";
    edit(
        "internal/store/store.go",
        "func (s *Store) Add(name string) { s.names = append(s.names, name) }",
        broken);
    var failed = listener.result(SERVER, 1);
    assertFalse(failed.ok());
    assertFalse(failed.binaryChanged());
    var error = failed.errors().getFirst();
    assertEquals(root.resolve("internal/store/store.go"), error.file());
    assertEquals(13, error.line());
    int utf8Column =
        broken.substring(0, broken.lastIndexOf('}')).getBytes(StandardCharsets.UTF_8).length + 1;
    assertEquals(utf8Column, error.column(), "columns count UTF-8 bytes");
    assertTrue(error.message().startsWith("syntax error"), error.message());

    edit("internal/store/store.go", "name }", "name) }");
    var fixed = listener.result(SERVER, 2);
    assertTrue(fixed.ok());
    assertEquals(List.of(), fixed.errors());
  }

  @Test
  void aLinkErrorLandsOnTheLinknameLineThatNamesTheMissingSymbol() throws Exception {
    edit(
        "cmd/tool/main.go",
        "\t\"fmt\"\n",
        "\t\"fmt\"\n\t_ \"unsafe\"\n");
    var path = root.resolve("cmd/tool/main.go");
    Files.writeString(path, Files.readString(path).replace("func main() {",
        "//go:linkname missing example.com/multi/nowhere.missing\nfunc missing() int\n\nfunc main() {\n\tprintln(missing())"));
    loop.onBatch(ChangeBatch.of(new FileChange(path, FileChange.Kind.MODIFIED)));
    BuildResult failed;
    int n = 1;
    do {
      failed = listener.result(TOOL, n++);
    } while (failed.ok());
    assertEquals(
        List.of(new BuildError(path, 11, 1,
            "main.main: relocation target example.com/multi/nowhere.missing not defined")),
        failed.errors());
  }

  @Test
  void aModuleErrorLandsOnGoMod() throws Exception {
    edit("go.mod", "go 1.22", "go 1.22\n\nbogus directive");
    var failed = listener.result(SERVER, 1);
    assertFalse(failed.ok());
    assertTrue(
        failed.errors().stream().allMatch(e -> e.file().equals(root.resolve("go.mod"))),
        () -> failed.errors().toString());
  }
}
