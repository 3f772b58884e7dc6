package dev.hotlsp.proxy.wiretest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in language server for wire tests: a {@link Process} whose stdin and stdout are pipes
 * the test reads and writes byte for byte. It "exits" when the test says so, when it is
 * destroyed, or when the proxy closes its stdin and the test calls {@link #exitOnEof}.
 */
final class ScriptedServer extends Process {
  private final Pipe toServer = open();
  private final Pipe fromServer = open();
  private final Pipe stderr = open();
  private final OutputStream stdin = Channels.newOutputStream(toServer.sink());
  private final InputStream stdout = Channels.newInputStream(fromServer.source());
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  final RawFrames received = new RawFrames(Channels.newInputStream(toServer.source()), "server-in");
  final OutputStream out = Channels.newOutputStream(fromServer.sink());

  private static Pipe open() {
    try {
      return Pipe.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes raw bytes as the server. */
  void write(byte[] bytes) throws IOException {
    synchronized (out) {
      out.write(bytes);
      out.flush();
    }
  }

  void send(String body) throws IOException {
    write(RawFrames.frame(body));
  }

  /** Ends the process with {@code code}: its stdout and stderr close. */
  void exit(int code) {
    try {
      out.close();
      stderr.sink().close();
    } catch (IOException ignored) {
      // already closed
    }
    exit.complete(code);
  }

  @Override
  public OutputStream getOutputStream() {
    return stdin;
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return Channels.newInputStream(stderr.source());
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      return exit.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.thenApply(code -> this);
  }

  @Override
  public int exitValue() {
    if (!exit.isDone()) {
      throw new IllegalThreadStateException("running");
    }
    return exit.join();
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public void destroy() {
    exit(143);
  }

  @Override
  public Process destroyForcibly() {
    exit(137);
    return this;
  }
}
