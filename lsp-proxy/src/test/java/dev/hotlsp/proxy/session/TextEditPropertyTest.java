package dev.hotlsp.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random edit sequences give the same text through {@link DocumentStore} and {@link TextBuffer} as
 * through the naive {@link ReferenceText}: text over ASCII, accents, CJK, surrogate pairs and all
 * three line breaks; ranges mostly inside the text, some past a line end or the document end.
 */
class TextEditPropertyTest {
  private static final String URI = "file:///w/p.go";
  private static final List<String> TOKENS =
      List.of("a", "b", " ", "\t", "\n", "\r\n", "\r", "é", "中", "😀");

  /** A position chosen relative to the current text; {@code overshoot} puts it past an end. */
  record PositionSeed(int line, int character, boolean overshoot) {
    int[] resolve(String[] lines) {
      if (!overshoot) {
        int l = line % lines.length;
        return new int[] {l, character % (lines[l].length() + 1)};
      }
      int l = line % (lines.length + 2);
      int length = l < lines.length ? lines[l].length() : 0;
      return new int[] {l, length + 1 + character % 5};
    }
  }

  /** A change to make against whatever the text is when it is applied. */
  record ChangeSeed(boolean full, PositionSeed a, PositionSeed b, String text) {
    Change resolve(String current) {
      if (full) {
        return new Change(true, 0, 0, 0, 0, text);
      }
      String[] lines = current.split("\r\n|\r|\n", -1);
      int[] p = a.resolve(lines);
      int[] q = b.resolve(lines);
      boolean ordered = p[0] < q[0] || (p[0] == q[0] && p[1] <= q[1]);
      int[] start = ordered ? p : q;
      int[] end = ordered ? q : p;
      String kind = a.overshoot() || b.overshoot() ? "clamped" : "inside";
      Statistics.label("range").collect(kind);
      return new Change(false, start[0], start[1], end[0], end[1], text);
    }
  }

  /** One concrete content change; an incremental change has start before or at end. */
  record Change(boolean full, int startLine, int startChar, int endLine, int endChar, String text) {
    JsonObject toJson() {
      return full
          ? LspParams.full(text)
          : LspParams.edit(startLine, startChar, endLine, endChar, text);
    }

    ContentChange toContentChange() {
      return full
          ? new ContentChange.Full(text)
          : new ContentChange.Incremental(
              new Position(startLine, startChar), new Position(endLine, endChar), text);
    }

    String applyTo(String reference) {
      return full
          ? text
          : ReferenceText.apply(reference, startLine, startChar, endLine, endChar, text);
    }
  }

  @Property
  void storeMatchesReferenceModel(
      @ForAll("texts") String initial,
      @ForAll("notifications") List<List<ChangeSeed>> notifications)
      throws MalformedParamsException {
    DocumentStore store = new DocumentStore();
    store.didOpen(LspParams.didOpen(URI, "go", 1, initial));
    String reference = initial;
    int version = 1;
    for (List<ChangeSeed> seeds : notifications) {
      List<JsonObject> changes = new ArrayList<>();
      for (ChangeSeed seed : seeds) {
        Change change = seed.resolve(reference);
        changes.add(change.toJson());
        reference = change.applyTo(reference);
      }
      version++;
      store.didChange(LspParams.didChange(URI, version, changes.toArray(JsonObject[]::new)));
      OpenDocument doc = store.get(URI).orElseThrow();
      assertEquals(visible(reference), visible(doc.text()));
      assertEquals(version, doc.version());
    }
    Statistics.label("range")
        .coverage(
            range -> {
              range.check("inside").percentage(p -> p > 50);
              range.check("clamped").percentage(p -> p > 10);
            });
  }

  @Property
  void everyPositionResolvesLikeTheReferenceAfterEdits(
      @ForAll("texts") String initial,
      @ForAll("notifications") List<List<ChangeSeed>> notifications) {
    TextBuffer buffer = new TextBuffer(initial);
    String reference = initial;
    for (List<ChangeSeed> seeds : notifications) {
      for (ChangeSeed seed : seeds) {
        Change change = seed.resolve(reference);
        buffer.apply(change.toContentChange());
        reference = change.applyTo(reference);
      }
    }
    String text = reference;
    int lines = text.split("\r\n|\r|\n", -1).length;
    for (int line = 0; line <= lines + 1; line++) {
      for (int character = 0; character <= text.length() + 1; character++) {
        assertEquals(
            ReferenceText.offset(text, line, character),
            buffer.offset(new Position(line, character)),
            "position " + line + ":" + character + " in " + visible(text));
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return tokens(24);
  }

  @Provide
  Arbitrary<List<List<ChangeSeed>>> notifications() {
    Arbitrary<PositionSeed> position =
        Combinators.combine(
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)))
            .as(PositionSeed::new);
    Arbitrary<ChangeSeed> change =
        Arbitraries.frequencyOf(
            Tuple.of(1, tokens(24).map(text -> new ChangeSeed(true, null, null, text))),
            Tuple.of(
                12,
                Combinators.combine(position, position, tokens(6))
                    .as((a, b, text) -> new ChangeSeed(false, a, b, text))));
    return change.list().ofMinSize(1).ofMaxSize(3).list().ofMaxSize(20);
  }

  private static Arbitrary<String> tokens(int maxTokens) {
    return Arbitraries.of(TOKENS).list().ofMaxSize(maxTokens).map(list -> String.join("", list));
  }

  private static String visible(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
