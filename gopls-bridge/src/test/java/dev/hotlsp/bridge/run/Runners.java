package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The programs of test-workspaces/runners built once into a directory others may read (as uid
 * 65534 runs them), a run root others may traverse, and one probe of this machine.
 */
final class Runners {
  final LocalProcessLauncher launcher;
  final SandboxProbe probe;
  final Path bin;
  final Path runRoot;
  final Path workspace;

  private Runners(LocalProcessLauncher launcher, SandboxProbe probe, Path bin, Path runRoot, Path workspace) {
    this.launcher = launcher;
    this.probe = probe;
    this.bin = bin;
    this.runRoot = runRoot;
    this.workspace = workspace;
  }

  static Runners build() throws Exception {
    var base = Files.createTempDirectory("hotlsp-runner-test");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    var launcher = new LocalProcessLauncher(base);
    var bin = Files.createDirectory(base.resolve("bin"));
    var runRoot = Files.createDirectory(base.resolve("runs"));
    var workspace = Files.createDirectory(base.resolve("workspace"));
    var go = GoToolchain.findGo(System.getenv()).orElseThrow(() -> new IllegalStateException("no go on PATH"));
    var env = new HashMap<>(System.getenv());
    env.put("GOTOOLCHAIN", "local");
    env.put("CGO_ENABLED", "0");
    var build = launcher.start(new CommandSpec(List.of(go.toString(), "build", "-o", bin.toString() + "/", "./cmd/..."), env,
        Workspaces.repo().resolve("test-workspaces/runners")));
    build.stdin().close();
    var out = new Thread(() -> ChildProcess.readAll(build.stdout()));
    out.start();
    String err = ChildProcess.readAll(build.stderr());
    if (!build.onExit().get(5, TimeUnit.MINUTES).equals(0)) {
      throw new IOException("go build of test-workspaces/runners failed: " + err);
    }
    return new Runners(launcher, SandboxProbe.probe(launcher), bin, runRoot, workspace);
  }

  Path program(String name) {
    return bin.resolve(name);
  }

  static String text(byte[] bytes, int len) {
    return new String(bytes, 0, len, StandardCharsets.UTF_8);
  }
}
