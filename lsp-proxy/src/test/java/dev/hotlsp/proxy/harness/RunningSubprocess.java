package dev.hotlsp.proxy.harness;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A {@link RunningServer} that is a child process; closing stops its whole process tree. */
final class RunningSubprocess implements RunningServer {
  private static final Duration GRACE = Duration.ofSeconds(3);

  private final ChildProcess child;
  private final LocalProcessLauncher launcher;
  private final StderrTail stderr;

  RunningSubprocess(ChildProcess child, LocalProcessLauncher launcher, StderrTail stderr) {
    this.child = child;
    this.launcher = launcher;
    this.stderr = stderr;
  }

  @Override
  public InputStream fromServer() {
    return child.stdout();
  }

  @Override
  public OutputStream toServer() {
    return child.stdin();
  }

  @Override
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    try {
      return OptionalInt.of(child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return OptionalInt.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + child.spec().display(), e.getCause());
    }
  }

  @Override
  public Stream<ProcessHandle> descendants() {
    return ProcessHandle.of(child.pid()).stream().flatMap(ProcessHandle::descendants);
  }

  @Override
  public String stderrTail() {
    return stderr.toString();
  }

  @Override
  public void close() {
    if (child.isAlive()) {
      child.stop(GRACE);
    }
    launcher.close();
  }
}
