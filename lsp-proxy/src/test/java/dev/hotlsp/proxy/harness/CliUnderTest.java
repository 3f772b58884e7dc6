package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hotlsp.bridge.process.CommandSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A way to run the {@code hotlsp} command line: {@code Main} in this JVM with captured streams,
 * or a subprocess (the launcher script, or Main in a separate JVM). Immutable.
 */
public record CliUnderTest(String name, List<String> commandPrefix) {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  public CliUnderTest {
    commandPrefix = List.copyOf(commandPrefix);
  }

  /** Main in this JVM (an empty command prefix). */
  public static CliUnderTest inProcess() {
    return new CliUnderTest("in-process", List.of());
  }

  /** The {@code ./hotlsp} launcher script. */
  public static CliUnderTest launcher() {
    return new CliUnderTest("launcher", List.of(Servers.launcher().toString()));
  }

  /** Main in a separate JVM on the test class path. */
  public static CliUnderTest jvm() {
    return new CliUnderTest(
        "jvm",
        List.of(HarnessEnv.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"), InProcessServer.MAIN));
  }

  public Optional<String> unavailable() {
    return InProcessServer.mainMissing().or(() -> name.equals("launcher") ? Servers.jarMissing() : Optional.empty());
  }

  /** Whether this runs Main in the test's own JVM (where a command wrapper cannot apply). */
  public boolean runsInThisJvm() {
    return commandPrefix.isEmpty();
  }

  /** A subprocess way run under {@code wrapper} (e.g. {@code setpriv …}); the in-process way as it is. */
  public CliUnderTest wrappedIn(List<String> wrapper) {
    if (runsInThisJvm()) {
      return this;
    }
    var command = new ArrayList<>(wrapper);
    command.addAll(commandPrefix);
    return new CliUnderTest(name, command);
  }

  /** Runs with {@code args} in {@code workDir}, waiting at most two minutes. */
  public CliResult run(Path workDir, String... args) throws Exception {
    return run(workDir, HarnessEnv.childEnvironment(), args);
  }

  /** Runs with {@code args} in {@code workDir} and the environment {@code env}, waiting at most two minutes. */
  public CliResult run(Path workDir, Map<String, String> env, String... args) throws Exception {
    return runsInThisJvm() ? runInProcess(env, args) : runSubprocess(workDir, env, args);
  }

  private CliResult runInProcess(Map<String, String> env, String... args) throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var server = new InProcessServer(name, List.of(args), env);
    int code = server.run(new ByteArrayInputStream(new byte[0]), out, err);
    return new CliResult(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private CliResult runSubprocess(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<>(commandPrefix);
    command.addAll(List.of(args));
    return ProcessRun.run(new CommandSpec(command, env, workDir), TIMEOUT);
  }

  @Override
  public String toString() {
    return name;
  }
}
