package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The run sandbox for test binaries: a {@code go test -exec} wrapper script that runs each test
 * binary under the run's limits ({@code prlimit}, {@link SandboxCommand#rlimits}: CPU seconds,
 * memory; when isolated no core dumps and 4096 files) and, isolated, in {@code bwrap} — no
 * network unless the limits allow it, its own IPC and host name (no pid namespace: nested in go's
 * build sandbox, bwrap could not mount a fresh {@code /proc}), the file system go's build sandbox shows read-only, a fresh
 * private {@code /tmp} (also {@code TMPDIR} and {@code HOME}; the workspace stays visible, also when
 * it lives under {@code /tmp}), new session, killed with its parent — in the package directory go
 * runs it in (tests read their {@code testdata}). Unlike a program's
 * run there is no cgroup and no uid switch: tests run as HotLSP's user, and RLIMIT_NPROC (which
 * counts all of that user's processes) is not set. gVisor is not offered for tests.
 */
public final class TestExec {
  /** Where the test binary is bound inside bwrap. */
  static final String BINARY_INSIDE = "/tmp/.hotlsp-test/test.bin";

  private TestExec() {}

  /**
   * The wrapper script for {@code isolation} and {@code limits} on this machine.
   *
   * @throws SandboxUnavailableException when the level needs what the machine lacks (bwrap), or is gvisor
   */
  public static String script(SandboxProbe probe, Isolation isolation, RunLimits limits, Path workspace)
      throws SandboxUnavailableException {
    if (isolation == Isolation.GVISOR) {
      throw new SandboxUnavailableException(isolation, "tests do not run under gvisor; use --isolation isolated");
    }
    if (isolation == Isolation.ISOLATED && !probe.bwrap()) {
      throw new SandboxUnavailableException(isolation,
          "isolated tests need bubblewrap, which cannot make namespaces here; see hotlsp doctor");
    }
    return script(isolation, limits, probe.prlimit(), workspace);
  }

  /** The script for a machine where bwrap works and {@code prlimit} is there or not (pure). */
  static String script(Isolation isolation, RunLimits limits, boolean prlimit, Path workspace) {
    var cmd = new ArrayList<String>();
    var rlimits = SandboxCommand.rlimits(limits, isolation != Isolation.LOCAL, false, false);
    if (prlimit && !rlimits.isEmpty()) {
      cmd.add(SandboxProbe.PRLIMIT.toString());
      cmd.addAll(rlimits);
      cmd.add("--");
    }
    String binary = "\"$b\"";
    if (isolation != Isolation.LOCAL) {
      // no pid namespace: inside go's build sandbox a nested one cannot mount a fresh /proc
      cmd.addAll(List.of(SandboxProbe.BWRAP.toString(), "--unshare-user-try", "--unshare-ipc", "--unshare-uts",
          "--unshare-cgroup-try"));
      if (!limits.network()) {
        cmd.add("--unshare-net");
      }
      cmd.addAll(List.of("--die-with-parent", "--new-session", "--ro-bind", "/", "/",
          "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", quoted(workspace), quoted(workspace),
          "--ro-bind", "\"$b\"", BINARY_INSIDE, "--chdir", "\"$(pwd)\"",
          "--setenv", "TMPDIR", "/tmp", "--setenv", "HOME", "/tmp", "--"));
      binary = BINARY_INSIDE;
    }
    cmd.add(binary);
    cmd.add("\"$@\"");
    return "#!/bin/sh\n# hotlsp: runs one test binary (go test -exec) in the run sandbox\nb=$1; shift\nexec "
        + String.join(" ", cmd) + "\n";
  }

  /** {@code path} as one shell word. */
  static String quoted(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  /** Writes {@code script} as an executable file {@code test-exec} in {@code dir}; returns its path. */
  public static Path write(Path dir, String script) throws IOException {
    var file = dir.resolve("test-exec");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
