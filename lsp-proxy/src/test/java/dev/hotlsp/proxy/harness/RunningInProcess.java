package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A {@link RunningServer} that is {@code Main.run} on a thread of this JVM. */
final class RunningInProcess implements RunningServer {
  private static final Duration MAIN_ENDS = Duration.ofSeconds(15);

  private final InputStream fromServer;
  private final OutputStream toServer;
  private final CompletableFuture<Integer> exit;
  private final StderrTail stderr;
  private final Thread thread;

  RunningInProcess(
      InputStream fromServer, OutputStream toServer, CompletableFuture<Integer> exit, StderrTail stderr, Thread thread) {
    this.fromServer = fromServer;
    this.toServer = toServer;
    this.exit = exit;
    this.stderr = stderr;
    this.thread = thread;
  }

  @Override
  public InputStream fromServer() {
    return fromServer;
  }

  @Override
  public OutputStream toServer() {
    return toServer;
  }

  @Override
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    try {
      return OptionalInt.of(exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return OptionalInt.empty();
    } catch (ExecutionException e) {
      throw new AssertionError("Main.run threw", e.getCause());
    }
  }

  @Override
  public Stream<ProcessHandle> descendants() {
    return ProcessHandle.current().descendants();
  }

  @Override
  public String stderrTail() {
    return stderr.toString();
  }

  /**
   * Closes the pipes and waits (boundedly) for {@code Main.run} to return, so the gopls it ran has
   * been stopped before the next test looks at this JVM's child processes.
   */
  @Override
  public void close() {
    try {
      toServer.close();
      fromServer.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("closing the pipes to Main", e);
    } finally {
      awaitMain();
    }
  }

  private void awaitMain() {
    try {
      exit.get(MAIN_ENDS.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException ended) {
      // Main.run threw: it has ended all the same
    } catch (TimeoutException e) {
      thread.interrupt();
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
