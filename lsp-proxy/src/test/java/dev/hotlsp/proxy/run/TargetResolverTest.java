package dev.hotlsp.proxy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hotlsp.bridge.graph.ImportGraph;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  private static final Path ROOT = Path.of("/ws");

  private static String pkg(String importPath, String dir, String name) {
    return "{\"ImportPath\":\"" + importPath + "\",\"Dir\":\"" + dir + "\",\"Name\":\"" + name
        + "\",\"GoFiles\":[\"x.go\"],\"Module\":{\"Path\":\"m\",\"Dir\":\"/ws\"}}";
  }

  private static ImportGraph graph(String... packages) throws Exception {
    return ImportGraph.parse(new StringReader(String.join("\n", packages)));
  }

  @Test
  void aTargetIsARelativeDirectoryOrAnImportPathOfAMainPackage() throws Exception {
    var g = graph(pkg("m/cmd/a", "/ws/cmd/a", "main"), pkg("m/cmd/b", "/ws/cmd/b", "main"), pkg("m/lib", "/ws/lib", "lib"));
    assertEquals("m/cmd/a", TargetResolver.resolve(ROOT, g, Optional.of("./cmd/a")));
    assertEquals("m/cmd/b", TargetResolver.resolve(ROOT, g, Optional.of("m/cmd/b")));
    assertEquals("no package ./cmd/c in /ws; main packages: m/cmd/a, m/cmd/b",
        assertThrows(UnknownTargetException.class, () -> TargetResolver.resolve(ROOT, g, Optional.of("./cmd/c"))).getMessage());
    assertEquals("./lib is not a main package; main packages: m/cmd/a, m/cmd/b",
        assertThrows(UnknownTargetException.class, () -> TargetResolver.resolve(ROOT, g, Optional.of("./lib"))).getMessage());
  }

  @Test
  void noTargetIsTheOnlyMainPackageElseAnErrorListingThem() throws Exception {
    assertEquals("m", TargetResolver.resolve(ROOT, graph(pkg("m", "/ws", "main"), pkg("m/lib", "/ws/lib", "lib")),
        Optional.empty()));
    var two = graph(pkg("m/cmd/a", "/ws/cmd/a", "main"), pkg("m/cmd/b", "/ws/cmd/b", "main"));
    assertEquals("several main packages, name one as target: m/cmd/a, m/cmd/b",
        assertThrows(UnknownTargetException.class, () -> TargetResolver.resolve(ROOT, two, Optional.empty())).getMessage());
  }
}
