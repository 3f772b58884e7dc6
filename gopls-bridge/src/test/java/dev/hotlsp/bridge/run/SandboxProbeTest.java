package dev.hotlsp.bridge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link SandboxProbe#protections} says for a machine given as facts. */
class SandboxProbeTest {
  private static final String UNDOABLE = "holds only for a program that does not undo it";
  private static final List<String> UNDOABLE_AS_ROOT =
      List.of("memory limit", "process and thread limit", "kill every process of the run", "CPU seconds limit");

  private static SandboxProbe machine(boolean root, boolean cgroup) {
    var cgroups = cgroup ? Optional.of(new CgroupHierarchy(2, Map.of("", Path.of("/sys/fs/cgroup/user.slice"))))
        : Optional.<CgroupHierarchy>empty();
    return new SandboxProbe(root, Optional.empty(), Optional.empty(), cgroups, cgroup ? "" : "read-only /sys/fs/cgroup",
        Optional.empty(), Optional.empty(), true, true);
  }

  private static Protection named(List<Protection> protections, String name) {
    return protections.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aLocalRunAsRootAndOnlyItIsToldItsLimitsHoldOnlyForAProgramThatDoesNotUndoThem() {
    for (boolean cgroup : new boolean[] {true, false}) {
      var local = machine(true, cgroup).protections(Isolation.LOCAL);
      for (var name : UNDOABLE_AS_ROOT) {
        var p = named(local, name);
        assertTrue(!p.active() || p.reason().contains(UNDOABLE), "cgroup " + cgroup + ": " + p);
      }
      assertTrue(named(local, "process and thread limit").active() == cgroup, local::toString);
    }
    assertTrue(named(machine(true, true).protections(Isolation.LOCAL), "process and thread limit").reason()
        .contains("move itself out of the cgroup or raise the limit"));

    // without root, or as uid 65534 under isolated, the limits hold
    for (var probe : List.of(machine(false, true).protections(Isolation.LOCAL), machine(true, true).protections(Isolation.ISOLATED))) {
      for (var name : UNDOABLE_AS_ROOT) {
        var p = named(probe, name);
        assertTrue(p.active(), p::toString);
        assertFalse(p.reason().contains(UNDOABLE), p::toString);
      }
    }
  }

  @Test
  void isolatedSaysThatNetworkOnSharesTheHostsAbstractUnixSockets() {
    var namespaces = machine(false, true).protections(Isolation.ISOLATED).stream()
        .filter(p -> p.name().startsWith("namespaces")).findFirst().orElseThrow();
    assertTrue(namespaces.active());
    assertTrue(namespaces.reason().contains("with --network on the program is in the host's network namespace"), namespaces::toString);
    assertTrue(namespaces.reason().contains("abstract unix sockets"), namespaces::toString);
    assertEquals(1, machine(false, true).protections(Isolation.ISOLATED).stream()
        .filter(p -> p.reason().contains("abstract unix sockets")).count());
  }
}
