package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.Expectations;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.LogView;
import dev.hotlsp.proxy.harness.Pos;
import dev.hotlsp.proxy.harness.RequestStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edit-and-request script of the crash storm on a copy of {@code test-workspaces/multi}: three
 * open files; buffer-only edits of {@code store.Count}'s doc comment after multi-byte text, and of
 * an argument in {@code api.go} that breaks and fixes its types; and batches of hover, definition,
 * documentSymbol and completion requests sent without waiting. Its final state is known: the doc
 * comment edited, {@code api.go} broken on line 9, the other files clean.
 */
final class StormScript {
  static final String STORE = "internal/store/store.go";
  static final String API = "internal/api/api.go";
  static final String MAIN = "cmd/server/main.go";
  static final List<String> FILES = List.of(STORE, API, MAIN);
  /** 0-based line of {@code s.Add(...)} in api.go, where the broken argument is. */
  static final int BROKEN_LINE = 8;
  static final String BROKEN_MESSAGE = "cannot use len(\"größe😀\")";

  private static final String DOC_ANCHOR = "名前: ";
  private static final String GOOD_ARG = "s.Add(name)";
  private static final String BAD_ARG = "s.Add(len(\"größe😀\"))";

  private final FakeEditor editor;
  private final RequestStream requests;
  private boolean broken;

  StormScript(FakeEditor editor) {
    this.editor = editor;
    this.requests = new RequestStream(editor);
  }

  /** Opens the files and rewrites the doc comment to end in multi-byte text and {@code marker}. */
  void open(String marker) {
    FILES.forEach(editor::open);
    var start = editor.positionOf(STORE, "returns the number");
    editor.edit(STORE, start, lineEnd(STORE, start), "zählt Namen 😀 " + DOC_ANCHOR + marker);
  }

  RequestStream requests() {
    return requests;
  }

  /** Replaces the text after the doc comment's multi-byte prefix (UTF-16 positions past a surrogate pair). */
  void editDoc(String marker) {
    var start = editor.positionOf(STORE, DOC_ANCHOR).plus(0, DOC_ANCHOR.length());
    editor.edit(STORE, start, lineEnd(STORE, start), marker);
  }

  /** Breaks api.go's types if they are sound, fixes them if broken: an incremental edit inside one line. */
  void toggleBreak() {
    var from = broken ? BAD_ARG : GOOD_ARG;
    var to = broken ? GOOD_ARG : BAD_ARG;
    var start = editor.positionOf(API, from).plus(0, "s.Add(".length());
    editor.edit(API, start, start.plus(0, from.length() - "s.Add(".length()), to.substring("s.Add(".length()));
    broken = !broken;
  }

  boolean broken() {
    return broken;
  }

  /** {@code batches} times: four requests at positions valid in every state, then a break/fix edit. */
  void traffic(int batches) {
    for (int i = 0; i < batches; i++) {
      requests.hover(API, editor.positionOf(API, "New()"));
      requests.definition(API, editor.positionOf(API, "Count(s)"));
      requests.documentSymbol(STORE);
      requests.completion(API, editor.positionOf(API, "s.Add(").plus(0, 2));
      toggleBreak();
    }
  }

  /** Where a hover shows {@code store.Count}'s doc comment: its use in api.go. */
  Pos countUse() {
    return editor.positionOf(API, "Count(s)");
  }

  /** Met when the open files show the script's final state: one type error in api.go, nothing else. */
  Expectation finalDiagnostics() {
    var api = uri(API);
    return Expectation.allOf(
        Expectations.diagnosticsFor(api, "are exactly the broken argument", ds -> ds.size() == 1
            && Expectations.startLine(ds.get(0)) == BROKEN_LINE
            && Expectations.message(ds.get(0)).contains(BROKEN_MESSAGE)),
        Expectations.noDiagnostics(uri(STORE)),
        Expectations.noDiagnostics(uri(MAIN)));
  }

  /** The latest diagnostics of each open file, as comparable text (range, severity, message). */
  Map<String, List<String>> diagnostics(LogView view) {
    var out = new LinkedHashMap<String, List<String>>();
    for (var path : FILES) {
      out.put(path, latestDiagnostics(view, uri(path)).orElse(List.of()).stream().map(StormScript::describe).toList());
    }
    return out;
  }

  private static String describe(JsonObject d) {
    return d.get("range") + " " + d.get("severity") + " " + d.get("message").getAsString();
  }

  private String uri(String path) {
    return editor.buffer(path).uri();
  }

  private Pos lineEnd(String path, Pos pos) {
    var line = editor.text(path).split("\n", -1)[pos.line()];
    return new Pos(pos.line(), line.length());
  }
}
