package dev.hotlsp.proxy.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void thisJvmIsLiveInItsWorkingDirectory() {
    var self = ProcStat.of(ProcessHandle.current().pid()).orElseThrow();

    assertTrue(self.live());
    assertEquals(Path.of("").toAbsolutePath(), self.cwd().orElseThrow());
    assertTrue(ProcStat.named(self.comm(), self.cwd().orElseThrow()).anyMatch(p -> p.pid() == self.pid()));
  }

  @Test
  void anExitedChildNotYetReapedIsAZombieNotLive() throws Exception {
    var parent = new ProcessBuilder(List.of("/bin/sh", "-c", "true & exec sleep 60")).start();
    try {
      Poll.until("sleep has a zombie child", Duration.ofSeconds(30),
          () -> parent.children().anyMatch(c -> ProcStat.of(c.pid()).filter(p -> p.state() == 'Z').isPresent()),
          () -> parent.children().toList().toString());
      var zombie = parent.children().findFirst().orElseThrow();

      var stat = ProcStat.of(zombie.pid()).orElseThrow();

      assertEquals('Z', stat.state());
      assertFalse(stat.live());
      assertFalse(ProcStat.isLive(zombie.pid(), stat.comm()));
      assertTrue(ProcStat.isLive(parent.pid(), "sleep"));
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  void aProcessThatIsGoneHasNoStat() throws Exception {
    var gone = new ProcessBuilder(List.of("/bin/true")).start();
    gone.waitFor();

    assertTrue(ProcStat.of(gone.pid()).isEmpty());
  }
}
