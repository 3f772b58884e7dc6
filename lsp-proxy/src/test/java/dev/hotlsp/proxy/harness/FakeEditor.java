package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A scripted LSP client over a {@link RunningServer}, modelled on gopls's fake editor: it
 * initializes like a real editor, keeps {@link Documents}, answers server requests (applying
 * {@code workspace/applyEdit} to its buffers) and records every message in a {@link MessageLog}
 * that tests {@link #await} expectations on. Paths are relative to the {@link Sandbox}. Thread-safe.
 */
public final class FakeEditor implements AutoCloseable {
  private final RunningServer server;
  private final Sandbox sandbox;
  private final EditorConfig config;
  private final MessageLog log;
  private final RpcOutbox outbox;
  private final Documents documents;
  private final JsonObject initializeResult;

  private FakeEditor(RunningServer server, Sandbox sandbox, EditorConfig config, Clock clock) throws InterruptedException {
    this.server = server;
    this.sandbox = sandbox;
    this.config = config;
    this.log = new MessageLog(clock);
    this.outbox = new RpcOutbox(server.toServer(), log);
    this.documents = new Documents(sandbox, outbox);
    RpcReader.start(server.fromServer(), log, outbox, new ServerRequestAnswerer(config, documents::applyWorkspaceEdit));
    this.initializeResult = call("initialize", InitializeParams.of(config, sandbox)).getAsJsonObject();
    outbox.notify("initialized", new JsonObject());
  }

  /** Starts {@code server} in the sandbox and completes the initialize handshake. */
  public static FakeEditor start(ServerUnderTest server, Sandbox sandbox, EditorConfig config)
      throws IOException, InterruptedException {
    var running = server.start(sandbox.root());
    try {
      return new FakeEditor(running, sandbox, config, Clock.systemUTC());
    } catch (RuntimeException | Error | InterruptedException e) {
      running.close();
      throw e;
    }
  }

  public JsonObject initializeResult() {
    return initializeResult.deepCopy();
  }

  public MessageLog log() {
    return log;
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  public Documents documents() {
    return documents;
  }

  /** Blocks until {@code expectation} is met within the configured timeout; returns the view that met it. */
  public LogView await(Expectation expectation) throws InterruptedException {
    try {
      return log.await(expectation, config.timeout());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nserver stderr (tail):\n" + server.stderrTail(), e);
    }
  }

  /** Sends a notification as the editor. */
  public void notify(String method, JsonElement params) {
    outbox.notify(method, params);
  }

  /** Opens a sandbox file (see {@link Documents#open}) and returns its URI. */
  public String open(String path) {
    return documents.open(path);
  }

  public void edit(String path, Pos start, Pos end, String newText) {
    documents.edit(path, start, end, newText);
  }

  public void replaceText(String path, String text) {
    documents.replaceText(path, text);
  }

  public Buffer buffer(String path) {
    return documents.buffer(path);
  }

  public String text(String path) {
    return documents.buffer(path).text();
  }

  /** The position of the first occurrence of {@code needle} in the buffer. */
  public Pos positionOf(String path, String needle) {
    return Pos.of(text(path), needle);
  }

  /** Sends a request and waits for its result (JSON null included); {@link LspError} on an error response. */
  public JsonElement call(String method, JsonElement params) throws InterruptedException {
    try {
      return outbox.request(method, params).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(method, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no answer to " + method + " within " + config.timeout() + "\n" + log.listing() + "\nserver stderr:\n" + server.stderrTail());
    }
  }

  /** Sends a request without waiting: the future completes with its result, or fails with an {@link LspError}. */
  public CompletableFuture<JsonElement> request(String method, JsonElement params) {
    return outbox.request(method, params);
  }

  /** Typed helpers for the usual language requests on this editor's buffers. */
  public LanguageRequests requests() {
    return new LanguageRequests(this);
  }

  /**
   * Sends {@code shutdown} then {@code exit} and returns the server's exit code; the output stays
   * open until the server ends, so its end of input cannot race the exit.
   */
  public OptionalInt shutdown() throws InterruptedException, IOException {
    call("shutdown", JsonNull.INSTANCE);
    return exitWithoutShutdown();
  }

  /** Sends {@code exit} alone (the spec asks for exit code 1 then), waits for the server to end, then closes the output. */
  public OptionalInt exitWithoutShutdown() throws InterruptedException, IOException {
    outbox.notify("exit", JsonNull.INSTANCE);
    var code = server.awaitExit(config.timeout());
    outbox.close();
    return code;
  }

  /** Closes the server's input with no goodbye, as a crashed editor does, and returns the exit code. */
  public OptionalInt hangUp() throws InterruptedException, IOException {
    outbox.close();
    return server.awaitExit(config.timeout());
  }

  /** The processes the server under test started (see {@link RunningServer#descendants}). */
  public Stream<ProcessHandle> serverDescendants() {
    return server.descendants();
  }

  public String serverStderr() {
    return server.stderrTail();
  }

  /** Stops the server if it still runs. */
  @Override
  public void close() {
    server.close();
  }
}
