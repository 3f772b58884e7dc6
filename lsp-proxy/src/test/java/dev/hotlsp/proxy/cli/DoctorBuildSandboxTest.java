package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.SandboxProbe;
import dev.hotlsp.bridge.toolchain.BuildSandbox;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code hotlsp doctor} says first whether go commands run in the build sandbox, and why not. */
class DoctorBuildSandboxTest {
  @Test
  void doctorSaysWhereGoCommandsRun() throws Exception {
    try (var launcher = new LocalProcessLauncher()) {
      var probe = SandboxProbe.probe(launcher);
      assertTrue(doctor(probe, Optional.of(BuildSandbox.off("/usr/bin/bwrap is not installed")))
          .contains("MISSING  build sandbox: /usr/bin/bwrap is not installed"));
      assertTrue(doctor(probe, Optional.empty()).contains("MISSING  build sandbox: go is not on PATH"));
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
      var env = System.getenv();
      var go = new GoToolchain(GoToolchain.findGo(env).orElseThrow(), env, launcher);
      var out = doctor(probe, Optional.of(go.sandbox()));
      assertTrue(out.startsWith("go commands (builds, go list, gopls's go):\n  active   build sandbox: bwrap"), out);
    }
  }

  private static String doctor(SandboxProbe probe, Optional<BuildSandbox> builds) {
    var bytes = new ByteArrayOutputStream();
    new DoctorCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(probe, Isolation.LOCAL, builds);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
