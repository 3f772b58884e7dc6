package dev.hotlsp.bridge.testing;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.util.List;

/** A decorator of the real launcher that records every process it starts, in order. */
public final class RecordingLauncher implements ProcessLauncher {
  private final ProcessLauncher real;
  public final Recorder<ChildProcess> started = new Recorder<>();

  public RecordingLauncher(ProcessLauncher real) {
    this.real = real;
  }

  /** A go toolchain from the environment whose processes this launcher (around the real one) starts. */
  public static RecordingLauncher aroundLocal() {
    return new RecordingLauncher(new LocalProcessLauncher());
  }

  public GoToolchain go() {
    var env = System.getenv();
    var go = GoToolchain.findGo(env).orElseThrow(() -> new IllegalStateException("no go on PATH"));
    return new GoToolchain(go, env, this);
  }

  @Override
  public java.util.Optional<java.nio.file.Path> scratch() {
    return real.scratch();
  }

  @Override
  public ChildProcess start(CommandSpec spec) throws IOException {
    var child = real.start(spec);
    started.add(child);
    return child;
  }

  /** The {@code go build} processes started so far. */
  public List<ChildProcess> goBuilds() {
    return started.all().stream().filter(RecordingLauncher::isGoBuild).toList();
  }

  /** True if {@code child} runs {@code go build} (directly or behind {@code nice}). */
  public static boolean isGoBuild(ChildProcess child) {
    var argv = child.spec().command();
    for (int i = 0; i + 1 < argv.size(); i++) {
      if (argv.get(i).endsWith("/go") && argv.get(i + 1).equals("build")) {
        return true;
      }
    }
    return false;
  }
}
