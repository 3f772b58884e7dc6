package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §1: a cloned workspace whose cgo flags name files outside it ({@code -include SECRET},
 * {@code #include "SECRET"}) — the real go and gcc build it in the build sandbox, so no error
 * carries those files' text, and no error is shown on a file outside the workspace.
 */
class CgoSecretTest {
  static final String SECRET = "TOPSECRET_7f3a_id_ed25519_line";
  static final String SHADOW = "TOPSECRET_c41d_shadow_line";
  private static final String TARGET = "example.com/cgosecret";

  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();

  /** A module at {@code tmp}/cgosecret whose main package reads two files outside it through cgo. */
  static Path workspace(Path tmp) throws Exception {
    var secrets = Files.createDirectories(tmp.resolve("home/.ssh"));
    var key = Files.writeString(secrets.resolve("id_ed25519"), SECRET + " here\n");
    var shadow = Files.writeString(secrets.resolve("shadow"), SHADOW + ":*:20228:0:99999:7:::\n");
    var ws = Files.createDirectories(tmp.resolve("cgosecret"));
    Files.writeString(ws.resolve("go.mod"), "module example.com/cgosecret\n\ngo 1.22\n");
    Files.writeString(ws.resolve("main.go"), """
        package main

        /*
        #cgo CFLAGS: -include %s
        #include "%s"
        */
        import "C"

        func main() {}
        """.formatted(key, shadow));
    return ws.toRealPath();
  }

  @Test
  void aBuildReadsNoFileOutsideTheWorkspaceAndShowsNoErrorThere() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
    var ws = workspace(tmp);
    var config = RebuildConfig.defaults(GoWorkspace.detect(ws, go), Workspaces.cache(tmp))
        .withTargets(List.of(TARGET)).withStaleReasons(true);
    try (var loop = RebuildLoop.start(config, go, listener)) {
      loop.build(Set.of(TARGET), "initial build");
      var result = listener.result(TARGET, 1);
      assertFalse(result.ok(), "the included files do not exist in the sandbox");
      var text = result.errors().toString();
      assertFalse(text.contains(SECRET) || text.contains(SHADOW), text);
      assertTrue(result.errors().stream().allMatch(e -> e.file().startsWith(ws)), text);
    }
  }

  @Test
  void aModuleAReplaceDirectiveNamesOutsideTheWorkspaceIsInTheBuild() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
    var lib = Files.createDirectories(tmp.resolve("elsewhere/lib"));
    Files.writeString(lib.resolve("go.mod"), "module example.com/lib\n\ngo 1.22\n");
    Files.writeString(lib.resolve("lib.go"), "package lib\n\nfunc Word() string { return \"from outside\" }\n");
    var ws = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(ws.resolve("go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\n"
        + "replace example.com/lib => ../elsewhere/lib\n");
    Files.writeString(ws.resolve("main.go"),
        "package main\n\nimport \"example.com/lib\"\n\nfunc main() { println(lib.Word()) }\n");
    var config = RebuildConfig.defaults(GoWorkspace.detect(ws, go), Workspaces.cache(tmp))
        .withTargets(List.of("example.com/app")).withStaleReasons(true);
    try (var loop = RebuildLoop.start(config, go, listener)) {
      loop.build(Set.of("example.com/app"), "initial build");
      var result = listener.result("example.com/app", 1);
      assertTrue(result.ok(), () -> result.errors().toString());
    }
  }

  @Test
  void errorsOnFilesOutsideTheWorkspaceAreLoggedNotShown() throws Exception {
    var ws = workspace(tmp);
    var stderr = """
        # example.com/cgosecret
        In file included from <command-line>:
        ../home/.ssh/id_ed25519:1:1: error: unknown type name '%s'
            1 | %s here
              | ^~~~~~~~~~~~~~~~~
        In file included from ./main.go:5:
        /usr/include/stdio.h:12:3: error: something
        main.go:9:1: error: a real one
        """.formatted(SECRET, SECRET);
    var errors = BuildErrorParser.parse(stderr, ws, ws.resolve("go.mod"), go.scope(ws));
    var text = errors.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(errors.stream().allMatch(e -> e.file().startsWith(ws)), text);
    assertTrue(errors.stream().anyMatch(e -> e.file().equals(ws.resolve("main.go")) && e.line() == 9), text);
    assertTrue(errors.stream().anyMatch(e -> e.message().contains("/usr/include/stdio.h")), text);
  }
}
