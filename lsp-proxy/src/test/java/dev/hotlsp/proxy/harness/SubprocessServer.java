package dev.hotlsp.proxy.harness;

import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A server under test started as a child process from any command line. */
public record SubprocessServer(
    String name, List<String> command, Map<String, String> environment, Supplier<Optional<String>> availability)
    implements ServerUnderTest {
  static final int STDERR_TAIL_BYTES = 16 * 1024;

  public SubprocessServer {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  @Override
  public Optional<String> unavailable() {
    return availability.get();
  }

  @Override
  public RunningServer start(Path workDir) throws IOException {
    var launcher = new LocalProcessLauncher();
    try {
      var child = launcher.start(new CommandSpec(command, environment, workDir));
      var tail = StderrTail.drain(child.stderr(), STDERR_TAIL_BYTES, name + "-stderr");
      return new RunningSubprocess(child, launcher, tail);
    } catch (IOException | RuntimeException e) {
      launcher.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
