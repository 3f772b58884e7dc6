package dev.hotlsp.proxy.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.LogView;
import dev.hotlsp.proxy.harness.LoggedMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the hot-restart tests observe of HotLSP's runs: its run notifications and the programs themselves. */
final class Runs {
  static final String STARTED = "hotlsp/runStarted";
  static final String ENDED = "hotlsp/runEnded";
  static final String OUTPUT = "hotlsp/output";

  private Runs() {}

  static Stream<JsonObject> started(LogView view, String target) {
    return view.notifications(STARTED).map(LoggedMessage::params).filter(p -> p.get("target").getAsString().equals(target));
  }

  static Stream<JsonObject> ended(LogView view, String target) {
    return view.notifications(ENDED).map(LoggedMessage::params).filter(p -> p.get("target").getAsString().equals(target));
  }

  /** Met once {@code count} runs of {@code target} have started. */
  static Expectation startedTimes(String target, int count) {
    return Expectation.of(count + " hotlsp/runStarted of " + target, v -> started(v, target).count() >= count);
  }

  /** Met once the run {@code runId} has ended. */
  static Expectation endedRun(String runId) {
    return Expectation.of("hotlsp/runEnded of run " + runId,
        v -> v.notifications(ENDED).anyMatch(m -> m.params().get("runId").getAsString().equals(runId)));
  }

  /** Met once the run's {@code hotlsp/output} so far contains {@code text}. */
  static Expectation output(String runId, String text) {
    return Expectation.of("hotlsp/output of run " + runId + " containing \"" + text + "\"", v -> {
      var all = new StringBuilder();
      v.notifications(OUTPUT).map(LoggedMessage::params).filter(p -> p.get("runId").getAsString().equals(runId))
          .forEach(p -> all.append(p.get("text").getAsString()));
      return all.toString().contains(text);
    });
  }

  static JsonObject endOf(LogView view, String runId) {
    return view.notifications(ENDED).map(LoggedMessage::params)
        .filter(p -> p.get("runId").getAsString().equals(runId)).findFirst().orElseThrow();
  }

  /** {@code hotlsp.run} with {@code {target, args}}; returns the run's runStarted params. */
  static JsonObject run(FakeEditor editor, String target, String... args) throws InterruptedException {
    var a = new JsonObject();
    a.addProperty("target", target);
    var list = new JsonArray();
    List.of(args).forEach(list::add);
    a.add("args", list);
    return editor.requests().executeCommand("hotlsp.run", a).getAsJsonObject();
  }

  /** A TCP port that was free a moment ago. */
  static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The body of GET http://127.0.0.1:port/, or empty if nothing answers. */
  static Optional<String> get(int port) {
    return get(port, "/");
  }

  /** The body of GET http://127.0.0.1:port{@code path}, or empty if nothing answers. */
  static Optional<String> get(int port, String path) {
    try {
      var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return Optional.of(response.body().strip());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Running: neither gone nor a zombie. */
  static boolean alive(long pid) {
    return dev.hotlsp.proxy.harness.ProcStat.of(pid).map(dev.hotlsp.proxy.harness.ProcStat::live).orElse(false);
  }
}
