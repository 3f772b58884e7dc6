package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's {@code dev.hotlsp.proxy.cli.Main} run in this JVM on a thread, joined to the fake
 * editor by NIO pipes (unlike {@code PipedInputStream}, they do not fail when a writer thread
 * ends). Looked up reflectively so the harness compiles before the proxy exists.
 */
public record InProcessServer(String name, List<String> args, Map<String, String> environment) implements ServerUnderTest {
  static final String MAIN = "dev.hotlsp.proxy.cli.Main";

  public InProcessServer {
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
  }

  /** Whether the proxy's Main is on the test class path. */
  public static Optional<String> mainMissing() {
    try {
      Class.forName(MAIN);
      return Optional.empty();
    } catch (ClassNotFoundException e) {
      return Optional.of(MAIN + " is not built yet");
    }
  }

  @Override
  public Optional<String> unavailable() {
    return mainMissing();
  }

  @Override
  public RunningServer start(Path workDir) throws IOException {
    var toServer = Pipe.open();
    var fromServer = Pipe.open();
    var stderr = new StderrTail(SubprocessServer.STDERR_TAIL_BYTES);
    var serverOut = Channels.newOutputStream(fromServer.sink());
    var exit = new CompletableFuture<Integer>();
    var thread =
        Thread.ofPlatform()
            .daemon()
            .name("in-process-" + name)
            .start(
                () -> {
                  try (serverOut) {
                    exit.complete(run(Channels.newInputStream(toServer.source()), serverOut, stderr));
                  } catch (Throwable t) {
                    exit.completeExceptionally(t);
                  }
                });
    return new RunningInProcess(
        Channels.newInputStream(fromServer.source()), Channels.newOutputStream(toServer.sink()), exit, stderr, thread);
  }

  /** Runs {@code new Main(in, out, err, env).run(args...)} and returns its exit code. */
  int run(InputStream in, OutputStream out, OutputStream err) throws Exception {
    var main = Class.forName(MAIN);
    var printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    try {
      var instance =
          main.getConstructor(InputStream.class, OutputStream.class, PrintStream.class, Map.class)
              .newInstance(in, out, printErr, environment);
      return (int) main.getMethod("run", String[].class).invoke(instance, (Object) args.toArray(String[]::new));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
