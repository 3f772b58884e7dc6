package dev.hotlsp.bridge.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoCommand;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffectedTestsTest {
  @TempDir Path tmp;

  private static GoPackage pkg(String path, List<String> imports, List<String> tests, List<String> testImports,
      List<String> xTests, List<String> xTestImports) {
    var module = new GoModule("m", Path.of("/w"), Path.of("/w/go.mod"));
    var dir = Path.of("/w").resolve(path.equals("m") ? "" : path.substring(2));
    return new GoPackage(path, dir, path.substring(path.lastIndexOf('/') + 1), List.of("a.go"), List.of(), List.of(),
        tests, xTests, imports, testImports, xTestImports, module, false, "");
  }

  /** m/lib ← m/app; m/helper is imported only by m/other's tests; m/x's external tests import m/app. */
  private static ImportGraph graph() {
    return new ImportGraph(List.of(
        pkg("m/lib", List.of("fmt"), List.of("lib_test.go"), List.of("testing"), List.of(), List.of()),
        pkg("m/app", List.of("m/lib"), List.of(), List.of(), List.of(), List.of()),
        pkg("m/helper", List.of(), List.of(), List.of(), List.of(), List.of()),
        pkg("m/other", List.of(), List.of("o_test.go"), List.of("m/helper"), List.of(), List.of()),
        pkg("m/x", List.of(), List.of(), List.of(), List.of("x_test.go"), List.of("m/x", "m/app")),
        pkg("m/untested", List.of("m/lib"), List.of(), List.of(), List.of(), List.of())));
  }

  @Test
  void aChangeReachesTheTestsOfEveryPackageWhoseTestBinaryImportsIt() {
    assertEquals(List.of("m/lib", "m/x"), AffectedTests.of(graph(), List.of(Path.of("/w/lib/a.go"))),
        "lib's own tests, and x's external tests through app; app and untested have no tests");
    assertEquals(List.of("m/other"), AffectedTests.of(graph(), List.of(Path.of("/w/helper/a.go"))),
        "a package only tests import");
    assertEquals(List.of("m/lib", "m/other", "m/x"), AffectedTests.of(graph(), List.of(Path.of("/w/go.mod"))));
  }

  @Test
  void aTestFileOrTestdataAffectsItsOwnPackagesTestsOnly() {
    assertEquals(List.of("m/lib"), AffectedTests.of(graph(), List.of(Path.of("/w/lib/lib_test.go"))));
    assertEquals(List.of("m/app"), AffectedTests.of(graph(), List.of(Path.of("/w/app/new_test.go"))),
        "a first test file the graph does not know yet");
    assertEquals(List.of("m/lib"), AffectedTests.of(graph(), List.of(Path.of("/w/lib/testdata/in/case.txt"))));
    assertEquals(List.of(), AffectedTests.of(graph(), List.of(Path.of("/w/README.md"))));
  }

  @Test
  void agreesWithGoListTestDepsOnEveryFileOfTheTestingWorkspace() throws Exception {
    var root = Workspaces.copy("testing", tmp);
    var go = Workspaces.go();
    var workspace = GoWorkspace.detect(root, go);
    var graph = new ImportGraphLoader(go).load(workspace);
    var listed = go.run(GoCommand.of(root, "list", "-e", "-test", "-deps", "-json=ImportPath,Deps,ForTest", "./..."));
    // test binary "p.test" → the packages it is built from, test variants "q [p.test]" as q
    var binaries = new HashMap<String, Set<String>>();
    var reader = new JsonReader(new StringReader(listed.stdout()));
    reader.setStrictness(Strictness.LENIENT);
    while (reader.peek() != JsonToken.END_DOCUMENT) {
      var o = JsonParser.parseReader(reader).getAsJsonObject();
      var path = o.get("ImportPath").getAsString();
      if (path.endsWith(".test") && o.has("Deps")) {
        var deps = new TreeSet<String>();
        o.getAsJsonArray("Deps").forEach(d -> deps.add(d.getAsString().split(" ", 2)[0]));
        binaries.put(path.substring(0, path.length() - ".test".length()), deps);
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.toString().endsWith(".go")).sorted().toList();
    }
    int compared = 0;
    for (var file : files) {
      var expected = new TreeSet<String>();
      var owner = graph.inDirectory(file.getParent()).orElseThrow().importPath();
      if (file.getFileName().toString().endsWith("_test.go")) {
        expected.add(owner);
      } else if (graph.builtFrom(file).isPresent()) {
        binaries.forEach((pkg, deps) -> {
          if (pkg.equals(owner) || deps.contains(owner)) {
            expected.add(pkg);
          }
        });
      }
      assertEquals(new ArrayList<>(expected), AffectedTests.of(graph, List.of(file)), root.relativize(file).toString());
      compared++;
    }
    assertEquals(files.size(), compared);
  }
}
