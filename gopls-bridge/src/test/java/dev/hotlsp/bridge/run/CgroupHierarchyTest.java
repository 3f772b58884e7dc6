package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding HotLSP's own cgroups from proc files (v1 hybrid as on the CI machine, v2). */
class CgroupHierarchyTest {
  @Test
  void v1HybridPutsTheRunsUnderHotlspsOwnCgroupInEachHierarchy(@TempDir Path tmp) throws Exception {
    var mountinfo = Files.writeString(tmp.resolve("mountinfo"), """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """);
    var self = Files.writeString(tmp.resolve("cgroup"), """
        8:pids:/
        6:freezer:/
        4:memory:/process_api/0978
        2:cpuacct:/
        0::/
        """);
    var found = CgroupHierarchy.detect(mountinfo, self).hierarchy().orElseThrow();
    assertEquals(1, found.version());
    assertEquals(List.of(Path.of("/sys/fs/cgroup/memory/process_api/0978/hotlsp/42"), Path.of("/sys/fs/cgroup/pids/hotlsp/42"),
        Path.of("/sys/fs/cgroup/cpuacct/hotlsp/42"), Path.of("/sys/fs/cgroup/freezer/hotlsp/42")), found.parents(42));
  }

  @Test
  void withoutTheV1ControllersOrAV2MountThereIsNoneAndTheReasonSaysWhy(@TempDir Path tmp) throws Exception {
    var mountinfo = Files.writeString(tmp.resolve("mountinfo"), "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
    var self = Files.writeString(tmp.resolve("cgroup"), "4:memory:/\n");
    var result = CgroupHierarchy.detect(mountinfo, self);
    assertTrue(result.hierarchy().isEmpty());
    assertTrue(result.reason().contains("pids"), result.reason());
  }
}
