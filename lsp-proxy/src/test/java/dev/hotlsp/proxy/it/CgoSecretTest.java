package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.it.Builds.buildEnded;
import static dev.hotlsp.proxy.it.Builds.fromGoBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.proxy.harness.CliUnderTest;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §1: a cloned workspace whose cgo flags name files outside it ({@code #cgo CFLAGS:
 * -include ~/.ssh/id_ed25519}, {@code #include "/etc/shadow"}; here two files the test makes beside
 * the workspace). Neither gopls's {@code go list -compiled} nor HotLSP's build may put their text
 * in a diagnostic — in the editor (real gopls, real go, through the proxy) or in {@code hotlsp
 * check}'s text and github reports.
 */
class CgoSecretTest {
  private static final String KEY_TEXT = "TOPSECRET_7f3a_id_ed25519_line";
  private static final String SHADOW_TEXT = "TOPSECRET_c41d_shadow_line";
  private static final String TARGET = "example.com/cgosecret";

  private static Sandbox workspace(Path tmp) throws Exception {
    var secrets = Files.createDirectories(tmp.resolve("home/.ssh"));
    var key = Files.writeString(secrets.resolve("id_ed25519"), KEY_TEXT + " here\n");
    var shadow = Files.writeString(secrets.resolve("shadow"), SHADOW_TEXT + ":*:20228:0:99999:7:::\n");
    return Sandbox.fromText(Files.createDirectories(tmp.resolve("cgosecret")), Map.of(
        "go.mod", "module example.com/cgosecret\n\ngo 1.22\n",
        "main.go", """
            package main

            /*
            #cgo CFLAGS: -include %s
            #include "%s"
            */
            import "C"

            func main() {}
            """.formatted(key, shadow)));
  }

  private static void assumeBubblewrap() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
  }

  @Test
  void neitherGoplsNorTheBuildShowsTheTextOfAFileACgoFlagNames(@TempDir Path tmp) throws Exception {
    assumeBubblewrap();
    var server = Builds.proxyBuildingAtStart(TARGET);
    Sessions.assumeAvailable(server);
    try (var editor = FakeEditor.start(server, workspace(tmp), EditorConfig.defaults().withWatchedFilesRegistration(false))) {
      var uri = editor.open("main.go");
      var seen = editor.await(Expectation.allOf(
          buildEnded(TARGET, false),
          diagnosticsFor(uri, "hold gopls's cgo error", ds -> ds.stream().anyMatch(d -> !fromGoBuild(d)))));
      var everything = seen.messages().toString() + editor.log().snapshot().messages();
      assertFalse(everything.contains(KEY_TEXT), everything);
      assertFalse(everything.contains(SHADOW_TEXT), everything);
    }
  }

  @Test
  void checkReportsHoldNoTextOfAFileACgoFlagNames(@TempDir Path tmp) throws Exception {
    assumeBubblewrap();
    var cli = CliUnderTest.inProcess();
    var why = cli.unavailable();
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
    var sandbox = workspace(tmp);
    for (var format : new String[] {"text", "github"}) {
      var result = cli.run(tmp, "check", "--format", format, sandbox.root().toString());
      assertEquals(1, result.exitCode(), result::describe);
      assertFalse(result.describe().contains(KEY_TEXT), result::describe);
      assertFalse(result.describe().contains(SHADOW_TEXT), result::describe);
    }
  }
}
