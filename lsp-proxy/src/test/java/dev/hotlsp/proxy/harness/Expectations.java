package dev.hotlsp.proxy.harness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The expectations integration tests wait for, built over {@link LogView}s of server messages. */
public final class Expectations {
  private Expectations() {}

  /** The diagnostics of the most recent {@code publishDiagnostics} for {@code uri}, if any. */
  public static Optional<List<JsonObject>> latestDiagnostics(LogView view, String uri) {
    var latest =
        view.notifications("textDocument/publishDiagnostics")
            .map(LoggedMessage::params)
            .filter(p -> uri.equals(p.get("uri").getAsString()))
            .reduce((a, b) -> b);
    return latest.map(
        p -> {
          var out = new ArrayList<JsonObject>();
          p.getAsJsonArray("diagnostics").forEach(d -> out.add(d.getAsJsonObject()));
          return List.copyOf(out);
        });
  }

  /** Met when the latest diagnostics published for {@code uri} satisfy {@code holds}. */
  public static Expectation diagnosticsFor(String uri, String what, Predicate<List<JsonObject>> holds) {
    return Expectation.of(
        "diagnostics for " + uri + " " + what, view -> latestDiagnostics(view, uri).filter(holds).isPresent());
  }

  /** Met when the latest diagnostics for {@code uri} include one starting on 0-based {@code line} whose message contains the text. */
  public static Expectation diagnosticAt(String uri, int line, String messageContains) {
    return diagnosticsFor(
        uri,
        "include one on 0-based line " + line + " containing \"" + messageContains + "\"",
        ds -> ds.stream().anyMatch(d -> startLine(d) == line && message(d).contains(messageContains)));
  }

  /** Met when diagnostics for {@code uri} have been published and the latest are empty. */
  public static Expectation noDiagnostics(String uri) {
    return diagnosticsFor(uri, "are empty", List::isEmpty);
  }

  /** Met when a work-done progress whose title contains the text has begun and ended. */
  public static Expectation progressEnded(String titleContains) {
    return Expectation.of(
        "work-done progress \"" + titleContains + "\" ended",
        view -> {
          var begun = new HashSet<JsonElement>();
          return view.notifications("$/progress")
              .map(LoggedMessage::params)
              .anyMatch(
                  p -> {
                    var value = p.getAsJsonObject("value");
                    var kind = value.get("kind").getAsString();
                    if (kind.equals("begin") && value.get("title").getAsString().contains(titleContains)) {
                      begun.add(p.get("token"));
                    }
                    return kind.equals("end") && begun.contains(p.get("token"));
                  });
        });
  }

  /**
   * Met when a {@code window/showMessage} (or a {@code window/showMessageRequest}: a message with
   * buttons) of this type (1 error .. 4 log) contains the text.
   */
  public static Expectation showMessage(int type, String textContains) {
    return showMessages(type, textContains, 1);
  }

  /** Met when at least {@code count} {@code window/showMessage} of this type contain the text. */
  public static Expectation showMessages(int type, String textContains, int count) {
    return Expectation.of(
        count + " window/showMessage of type " + type + " containing \"" + textContains + "\"",
        view -> showMessages(view, type, textContains).size() >= count);
  }

  /**
   * The texts of the {@code window/showMessage}s and {@code window/showMessageRequest}s of this type
   * that contain the text, in order.
   */
  public static List<String> showMessages(LogView view, int type, String textContains) {
    return view.fromServer()
        .filter(m -> m.isNotification("window/showMessage")
            || (m.isRequest() && m.method().equals("window/showMessageRequest")))
        .map(LoggedMessage::params)
        .filter(p -> p.get("type").getAsInt() == type && p.get("message").getAsString().contains(textContains))
        .map(p -> p.get("message").getAsString())
        .toList();
  }

  /** Met when the server has sent a notification with this method whose params satisfy {@code holds}. */
  public static Expectation notification(String method, String what, Predicate<JsonObject> holds) {
    return Expectation.of(
        "notification " + method + " " + what, view -> view.notifications(method).map(LoggedMessage::params).anyMatch(holds));
  }

  /** Met when the server has sent a request with this method. */
  public static Expectation serverRequest(String method) {
    return Expectation.of(
        "server request " + method, view -> view.fromServer().anyMatch(m -> m.isRequest() && m.method().equals(method)));
  }

  /** Met when the connection has ended (the server closed its output). */
  public static Expectation connectionClosed() {
    return new Expectation("connection closed", view -> view.closed() ? Verdict.MET : Verdict.UNMET);
  }

  /** The 0-based start line of a diagnostic. */
  public static int startLine(JsonObject diagnostic) {
    return diagnostic.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
  }

  /** The 0-based UTF-16 start character of a diagnostic. */
  public static int startCharacter(JsonObject diagnostic) {
    return diagnostic.getAsJsonObject("range").getAsJsonObject("start").get("character").getAsInt();
  }

  public static String message(JsonObject diagnostic) {
    return diagnostic.get("message").getAsString();
  }
}
