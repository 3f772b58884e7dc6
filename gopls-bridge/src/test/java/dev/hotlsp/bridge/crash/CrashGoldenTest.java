package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: every {@code .trace} under {@code crash/golden} (real output of
 * test-workspaces/crashers, written by its regen.sh) and {@code crash/handmade} (Go 1.19 and 1.23
 * formats, a trace from another machine) is parsed and mapped onto test-workspaces/crashers, and the
 * result compared with the {@code .json} beside it. Paths: a golden trace holds the absolute
 * directory of crashers where it was generated (golden/source-root.txt), which the test replaces with
 * the directory's location now, so the absolute-path rule is what maps it; handmade traces write
 * {@code $WORKSPACE} for it, except the other-machine trace, which the suffix rule must map. The
 * same holds for {@code crash/servers} (recovered panics and dumps of test-workspaces/servers, by
 * its regen.sh) and {@code crash/servers-handmade} (look-alikes that must stay text). Rewrite
 * the expected files with {@code -Dhotlsp.golden.rewrite=true}.
 */
class CrashGoldenTest {
  private static final boolean REWRITE = Boolean.getBoolean("hotlsp.golden.rewrite");

  /** A directory of traces and the workspace they map onto. */
  private record Suite(String dir, String workspace) {}

  private static final List<Suite> SUITES = List.of(
      new Suite("golden", "test-workspaces/crashers"),
      new Suite("handmade", "test-workspaces/crashers"),
      new Suite("servers", "test-workspaces/servers"),
      new Suite("servers-handmade", "test-workspaces/servers"));

  @TestFactory
  Stream<DynamicTest> tracesParseAndMapAsRecorded() throws IOException {
    var resources = Workspaces.repo().resolve("gopls-bridge/src/test/resources/crash");
    var tests = new ArrayList<DynamicTest>();
    for (var suite : SUITES) {
      var workspace = Workspaces.repo().resolve(suite.workspace()).toRealPath();
      var rootFile = resources.resolve(suite.dir()).resolve("source-root.txt");
      String sourceRoot = Files.exists(rootFile) ? Files.readString(rootFile).strip() : "$WORKSPACE";
      var index = WorkspaceIndex.scan(new GoWorkspace(workspace, List.of(workspace), false));
      try (var files = Files.list(resources.resolve(suite.dir()))) {
        files.filter(f -> f.toString().endsWith(".trace")).sorted().forEach(trace -> tests.add(DynamicTest.dynamicTest(
            resources.relativize(trace).toString(), () -> check(trace, sourceRoot, workspace, index))));
      }
    }
    assertTrue(tests.size() > 45, "golden traces missing: " + tests.size());
    return tests.stream();
  }

  private static void check(Path trace, String sourceRoot, Path workspace, WorkspaceIndex index) throws IOException {
    String text = Files.readString(trace, StandardCharsets.UTF_8)
        .replace(sourceRoot, workspace.toString())
        .replace("$WORKSPACE", workspace.toString());
    var scan = CrashScanner.scan(text);
    var mapper = new CrashMapper(new FrameLocator(index), new FileSourceLines());
    var findings = scan.crashes().stream().flatMap(c -> mapper.map(c).stream()).toList();
    String actual = new CrashJson(workspace).render(scan, findings);
    var expected = Path.of(trace.toString().replaceAll("\\.trace$", ".json"));
    if (REWRITE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(expected), "no expected " + expected + " (run with -Dhotlsp.golden.rewrite=true)");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, trace.toString());
  }
}
