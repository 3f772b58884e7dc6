package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.Protection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
  @Test
  void whatTheProbeQuotesIsPrintedWithItsControlsEscaped() {
    var bytes = new ByteArrayOutputStream();
    var doctor = new DoctorCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    int code = doctor.run(level -> List.of(new Protection("namespaces", false,
        "`bwrap` exited 1: " + HostilePanic.MESSAGE, "fix\u001b[2J it")), Isolation.ISOLATED, java.util.Optional.empty());

    assertEquals(1, code);
    assertEquals(List.of("go commands (builds, go list, gopls's go):", "  MISSING  build sandbox: go is not on PATH",
            "--isolation isolated:",
            "  MISSING  namespaces: `bwrap` exited 1: " + HostilePanic.ESCAPED,
            "           fix: fix\\x1b[2J it",
            "isolated runs here with what works; the protections marked MISSING are not there"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
