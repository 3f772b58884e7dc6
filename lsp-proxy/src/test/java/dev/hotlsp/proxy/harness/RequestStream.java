package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Language requests a {@link FakeEditor} sends without waiting for each answer, at positions in
 * its current buffers; {@link #awaitAll} then collects every answer. Used from one test thread.
 */
public final class RequestStream {
  private record Sent(String method, CompletableFuture<JsonElement> answer) {}

  private final FakeEditor editor;
  private final List<Sent> sent = new ArrayList<>();

  public RequestStream(FakeEditor editor) {
    this.editor = editor;
  }

  public void hover(String path, Pos pos) {
    send("textDocument/hover", positionParams(path, pos));
  }

  public void definition(String path, Pos pos) {
    send("textDocument/definition", positionParams(path, pos));
  }

  public void completion(String path, Pos pos) {
    send("textDocument/completion", positionParams(path, pos));
  }

  public void documentSymbol(String path) {
    var params = new JsonObject();
    params.add("textDocument", Documents.identifier(editor.buffer(path).uri()));
    send("textDocument/documentSymbol", params);
  }

  /** How many requests have been sent. */
  public int size() {
    return sent.size();
  }

  /**
   * Waits until every request sent has its answer, all within {@code timeout} in total;
   * {@link AssertionError} naming the unanswered ones otherwise.
   */
  public Answers awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int results = 0;
    var errors = new TreeMap<Integer, Integer>();
    var unanswered = new ArrayList<String>();
    for (int i = 0; i < sent.size(); i++) {
      var s = sent.get(i);
      try {
        s.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        results++;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof LspError error)) {
          throw new AssertionError("request #" + i + " " + s.method() + " failed without an answer", e.getCause());
        }
        errors.merge(error.code(), 1, Integer::sum);
      } catch (TimeoutException e) {
        unanswered.add("#" + i + " " + s.method());
      }
    }
    if (!unanswered.isEmpty()) {
      throw new AssertionError(unanswered.size() + " of " + sent.size() + " requests unanswered after " + timeout
          + ": " + unanswered.subList(0, Math.min(20, unanswered.size())) + "\nserver stderr:\n" + editor.serverStderr());
    }
    return new Answers(results, errors);
  }

  private void send(String method, JsonObject params) {
    sent.add(new Sent(method, editor.request(method, params)));
  }

  private JsonObject positionParams(String path, Pos pos) {
    var params = new JsonObject();
    params.add("textDocument", Documents.identifier(editor.buffer(path).uri()));
    params.add("position", pos.toJson());
    return params;
  }
}
