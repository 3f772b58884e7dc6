package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestExecTest {
  private static final Path WS = Path.of("/w/it's");

  @Test
  void isolatedTestBinariesGetLimitsNoNetworkAndAPrivateTmpWithTheWorkspaceVisible() {
    var script = TestExec.script(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED), true, WS);
    assertTrue(script.startsWith("#!/bin/sh\n"), script);
    assertTrue(script.contains("exec /usr/bin/prlimit --cpu=60:61 --data=536870912 --core=0 --nofile=4096 -- /usr/bin/bwrap"),
        script);
    assertFalse(script.contains("--nproc"), "RLIMIT_NPROC would count all of the user's processes: " + script);
    assertTrue(script.contains("--unshare-net"), script);
    assertTrue(script.contains("--tmpfs /tmp --ro-bind '/w/it'\\''s' '/w/it'\\''s' --ro-bind \"$b\" /tmp/.hotlsp-test/test.bin"),
        script);
    assertTrue(script.endsWith("-- /tmp/.hotlsp-test/test.bin \"$@\"\n"), script);
  }

  @Test
  void aLocalTestBinaryRunsAsItIsUnderItsLimits() {
    var script = TestExec.script(Isolation.LOCAL, RunLimits.defaults(Isolation.LOCAL), true, WS);
    assertEquals("exec /usr/bin/prlimit --data=2147483648 -- \"$b\" \"$@\"", script.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void networkAllowedByTheLimitsIsShared() {
    var script = TestExec.script(Isolation.ISOLATED, RunLimits.defaults(Isolation.ISOLATED).withNetwork(true), false, WS);
    assertFalse(script.contains("--unshare-net"), script);
    assertFalse(script.contains("prlimit"), script);
  }
}
