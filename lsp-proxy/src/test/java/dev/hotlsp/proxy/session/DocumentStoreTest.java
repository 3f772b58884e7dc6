package dev.hotlsp.proxy.session;

import static dev.hotlsp.proxy.session.LspParams.didChange;
import static dev.hotlsp.proxy.session.LspParams.didClose;
import static dev.hotlsp.proxy.session.LspParams.didOpen;
import static dev.hotlsp.proxy.session.LspParams.edit;
import static dev.hotlsp.proxy.session.LspParams.full;
import static dev.hotlsp.proxy.session.LspParams.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DocumentStoreTest {
  private final DocumentStore store = new DocumentStore();

  private static final String A = "file:///w/a.go";
  private static final String B = "file:///w/b.go";

  @Test
  void snapshotListsDocumentsInOpenOrder() throws Exception {
    assertTrue(store.didOpen(didOpen(B, "go", 1, "package b\n")));
    assertTrue(store.didOpen(didOpen(A, "go", 3, "package a\n")));
    assertEquals(
        List.of(
            new OpenDocument(B, "go", 1, "package b\n"),
            new OpenDocument(A, "go", 3, "package a\n")),
        store.snapshot());
    assertEquals(Optional.of(new OpenDocument(A, "go", 3, "package a\n")), store.get(A));
    assertEquals(Optional.empty(), store.get("file:///w/other.go"));
  }

  @Test
  void reopeningReplacesTheDocumentAndMovesItLast() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "one"));
    store.didOpen(didOpen(B, "go", 1, "b"));
    assertFalse(store.didOpen(didOpen(A, "go", 5, "two")));
    assertEquals(
        List.of(new OpenDocument(B, "go", 1, "b"), new OpenDocument(A, "go", 5, "two")),
        store.snapshot());
  }

  @Test
  void appliesChangesInOrderAndTakesTheVersion() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "abc"));
    assertTrue(store.didChange(didChange(A, 2, edit(0, 0, 0, 1, "X"), edit(0, 1, 0, 1, "\n"))));
    assertEquals(new OpenDocument(A, "go", 2, "X\nbc"), store.get(A).orElseThrow());
    assertTrue(store.didChange(didChange(A, 3, full("fresh\r\ntext"), edit(1, 0, 1, 0, ">"))));
    assertEquals(new OpenDocument(A, "go", 3, "fresh\r\n>text"), store.get(A).orElseThrow());
  }

  @Test
  void nullRangeMeansFullReplacement() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "abc"));
    store.didChange(
        json(
            """
            {'textDocument':{'uri':'file:///w/a.go', 'version':2},
             'contentChanges':[{'range':null, 'text':'xyz'}]}
            """));
    assertEquals("xyz", store.get(A).orElseThrow().text());
  }

  @Test
  void ignoresChangesToUnknownDocuments() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "abc"));
    assertFalse(store.didChange(didChange(B, 2, full("nope"))));
    assertEquals(List.of(new OpenDocument(A, "go", 1, "abc")), store.snapshot());
  }

  @Test
  void closeForgetsTheDocument() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "abc"));
    store.didOpen(didOpen(B, "go", 1, "b"));
    assertTrue(store.didClose(didClose(A)));
    assertFalse(store.didClose(didClose(A)));
    assertFalse(store.didChange(didChange(A, 2, full("gone"))));
    assertEquals(List.of(new OpenDocument(B, "go", 1, "b")), store.snapshot());
  }

  @Test
  void keepsUrisExactlyAsSent() throws Exception {
    String encoded = "file:///w/with%20space/a.go";
    store.didOpen(didOpen(encoded, "go", 1, "x"));
    assertFalse(store.didChange(didChange("file:///w/with space/a.go", 2, full("y"))));
    assertEquals(encoded, store.snapshot().get(0).uri());
  }

  @Test
  void hugeCharacterOffsetsClampToTheLineEnd() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "ab\ncd"));
    store.didChange(
        json(
            """
            {'textDocument':{'uri':'file:///w/a.go', 'version':2},
             'contentChanges':[{'range':{'start':{'line':0, 'character':1e12},
                                         'end':{'line':0, 'character':99999999999}},
                                'text':'!'}]}
            """));
    assertEquals("ab!\ncd", store.get(A).orElseThrow().text());
  }

  @Test
  void rejectsMalformedChangesWithoutApplyingAnyOfThem() throws Exception {
    store.didOpen(didOpen(A, "go", 1, "abc"));
    assertMalformed(
        "contentChanges[1].range", didChange(A, 2, edit(0, 0, 0, 1, "X"), edit(0, 2, 0, 1, "")));
    assertMalformed("contentChanges[0].range.start.line", didChange(A, 2, edit(-1, 0, 0, 1, "X")));
    JsonObject noText = edit(0, 0, 0, 0, "");
    noText.remove("text");
    assertMalformed("contentChanges[0].text", didChange(A, 2, noText));
    JsonObject fraction = didChange(A, 2, edit(0, 0, 0, 0, "X"));
    fraction
        .getAsJsonArray("contentChanges")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("range")
        .getAsJsonObject("end")
        .addProperty("character", 1.5);
    assertMalformed("contentChanges[0].range.end.character", fraction);
    JsonObject stringVersion = didChange(A, 2, full("X"));
    stringVersion.getAsJsonObject("textDocument").addProperty("version", "2");
    assertMalformed("textDocument.version", stringVersion);
    JsonObject noChanges = didChange(A, 2);
    noChanges.remove("contentChanges");
    assertMalformed("contentChanges", noChanges);
    assertEquals(List.of(new OpenDocument(A, "go", 1, "abc")), store.snapshot());
  }

  @Test
  void rejectsMalformedOpenAndClose() {
    JsonObject noText = didOpen(A, "go", 1, "x");
    noText.getAsJsonObject("textDocument").remove("text");
    MalformedParamsException open =
        assertThrows(MalformedParamsException.class, () -> store.didOpen(noText));
    assertEquals("textDocument.text", open.path());
    MalformedParamsException close =
        assertThrows(MalformedParamsException.class, () -> store.didClose(json("{}")));
    assertEquals("textDocument", close.path());
    assertEquals(List.of(), store.snapshot());
  }

  @Test
  void editsAMegabyteDocumentThousandsOfTimes() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 1_000_000; i++) {
      text.append("\tfmt.Println(\"line ").append(i).append(" 中😀\")\n");
    }
    String expected = text.toString();
    int lines = (int) expected.chars().filter(c -> c == '\n').count();
    store.didOpen(didOpen(A, "go", 1, expected));
    for (int i = 0; i < 1_000; i++) {
      int line = (int) ((i * 7_919L) % lines);
      String inserted = i % 10 == 0 ? "\n" : "y";
      store.didChange(didChange(A, i + 2, edit(line, 5, line, 6, inserted)));
      expected = ReferenceText.apply(expected, line, 5, line, 6, inserted);
    }
    assertEquals(new OpenDocument(A, "go", 1_001, expected), store.get(A).orElseThrow());
  }

  @Test
  void concurrentEditorsOfDifferentDocumentsDoNotInterfere() throws Exception {
    int documents = 4;
    int edits = 500;
    for (int d = 0; d < documents; d++) {
      store.didOpen(didOpen("file:///w/" + d + ".go", "go", 0, ""));
    }
    ExecutorService pool = Executors.newFixedThreadPool(documents + 1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int d = 0; d < documents; d++) {
        String uri = "file:///w/" + d + ".go";
        work.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= edits; i++) {
                    store.didChange(didChange(uri, i, edit(i - 1, 0, i - 1, 0, "x\n")));
                  }
                  return null;
                }));
      }
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < edits; i++) {
                  store.snapshot();
                }
                return null;
              }));
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (OpenDocument doc : store.snapshot()) {
      assertEquals(edits, doc.version());
      assertEquals("x\n".repeat(edits), doc.text());
    }
  }

  private void assertMalformed(String path, JsonObject params) {
    MalformedParamsException e =
        assertThrows(MalformedParamsException.class, () -> store.didChange(params));
    assertEquals(path, e.path());
  }
}
