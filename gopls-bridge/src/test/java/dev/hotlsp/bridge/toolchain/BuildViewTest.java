package dev.hotlsp.bridge.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of the disk a go command sees: go.work modules, replace targets, -o, and what a cloned go.mod may not name. */
class BuildViewTest {
  @TempDir Path tmp;

  @Test
  void directivesOfGoModAndGoWorkAreRead() {
    var text = """
        module example.com/app // a comment

        replace example.com/a => ../a
        replace example.com/b v1.2.0 => example.com/fork v1.3.0
        replace (
        \texample.com/c => "./third party/c" // quoted
        \texample.com/d v0.1.0 => /abs/d
        )
        use ./x
        use (
        \t./y
        \t`../z`
        )
        """;
    var d = ModuleDirectives.parse(text);
    assertEquals(List.of("./x", "./y", "../z"), d.uses());
    assertEquals(List.of("../a", "./third party/c", "/abs/d"), d.replaceDirs());
  }

  @Test
  void aGoWorkBindsItsModulesAndTheirReplaceTargetsOutsideTheRoot() throws Exception {
    var root = Files.createDirectories(tmp.resolve("ws"));
    var app = module(root.resolve("app"), "replace example.com/lib => ../../lib\n");
    var outside = module(tmp.resolve("lib"), "");
    var sibling = module(tmp.resolve("sibling"), "");
    Files.writeString(root.resolve("go.work"), "go 1.22\n\nuse (\n\t./app\n\t../sibling\n)\n");
    var view = BuildView.of(app, List.of("-o", tmp + "/"), Map.of("HOME", "/home/someone"));
    assertEquals(List.of(root, app, outside, sibling), view.sources());
    assertEquals(List.of(tmp), view.outputs());
    assertTrue(view.publishable(outside.resolve("x.go"), Optional.empty()));
    assertFalse(view.publishable(tmp.resolve("secret"), Optional.empty()));
  }

  @Test
  void aReplaceCannotNameTheHomeOrADirectoryWithoutGoMod() throws Exception {
    var home = Files.createDirectories(tmp.resolve("home/you"));
    Files.writeString(home.resolve("go.mod"), "module home\n");
    var noGoMod = Files.createDirectories(tmp.resolve("plain"));
    var ws = module(home.resolve("src/app"), "replace a => " + home + "\nreplace b => " + noGoMod + "\nreplace c => /\n");
    var view = BuildView.of(ws, List.of(), Map.of("HOME", home.toString()));
    assertEquals(List.of(ws), view.sources());
  }

  @Test
  void theOutputOfOIsItsDirectoryAndDevNullIsNone() throws Exception {
    var ws = module(tmp.resolve("m"), "");
    assertEquals(List.of(tmp), BuildView.of(ws, List.of("-o=" + tmp.resolve("bin")), Map.of()).outputs());
    assertEquals(List.of(), BuildView.of(ws, List.of("-o", "/dev/null"), Map.of()).outputs());
  }

  private static Path module(Path dir, String extra) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("go.mod"), "module example.com/" + dir.getFileName() + "\n\ngo 1.22\n" + extra);
    return dir.toRealPath();
  }
}
