package dev.hotlsp.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextBufferTest {
  private static String edit(String text, int sl, int sc, int el, int ec, String inserted) {
    TextBuffer buffer = new TextBuffer(text);
    buffer.apply(
        new ContentChange.Incremental(new Position(sl, sc), new Position(el, ec), inserted));
    return buffer.text();
  }

  @Test
  void fullReplacementReplacesEverything() {
    TextBuffer buffer = new TextBuffer("old\ntext");
    buffer.apply(new ContentChange.Full("new"));
    assertEquals("new", buffer.text());
    assertEquals(3, buffer.offset(new Position(0, 99)));
  }

  @Test
  void insertsDeletesAndReplacesWithinALine() {
    assertEquals("hello, world", edit("hello world", 0, 5, 0, 5, ","));
    assertEquals("hello", edit("hello world", 0, 5, 0, 11, ""));
    assertEquals(
        "package main\nfunc f() {}\n", edit("package main\nfunc g() {}\n", 1, 5, 1, 6, "f"));
  }

  @Test
  void editsAcrossLines() {
    assertEquals("aXd", edit("ab\nc\nd", 0, 1, 2, 0, "X"));
  }

  @Test
  void countsSurrogatePairsAsTwoCodeUnits() {
    String text = "a😀b\n😀😀c";
    assertEquals("a😀Xb\n😀😀c", edit(text, 0, 3, 0, 3, "X"));
    assertEquals("a😀b\n😀c", edit(text, 1, 2, 1, 4, ""));
    assertEquals("a😀b\n😀😀Xc", edit(text, 1, 4, 1, 4, "X"));
  }

  @Test
  void countsCjkAndAccentsAsOneCodeUnit() {
    assertEquals("中文X字\né", edit("中文字\né", 0, 2, 0, 2, "X"));
    assertEquals("中文字\nY", edit("中文字\né", 1, 0, 1, 1, "Y"));
  }

  @Test
  void treatsCrLfAsOneLineBreak() {
    assertEquals("ab\r\ncX\r\nd", edit("ab\r\nc\r\nd", 1, 1, 1, 1, "X"));
    assertEquals("ab\r\nc\r\nXd", edit("ab\r\nc\r\nd", 2, 0, 2, 0, "X"));
  }

  @Test
  void treatsLoneCrAsALineBreak() {
    assertEquals("a\rb\rXc", edit("a\rb\rc", 2, 0, 2, 0, "X"));
    assertEquals("a\rXb\nc", edit("a\rb\nc", 1, 0, 1, 0, "X"));
  }

  @Test
  void clampsCharacterPastLineEndToBeforeTheBreak() {
    assertEquals("abX\r\ncd", edit("ab\r\ncd", 0, 50, 0, 60, "X"));
    assertEquals("abX\rcd", edit("ab\rcd", 0, 3, 0, 3, "X"));
    assertEquals("abX\ncd", edit("ab\ncd", 0, 7, 0, 7, "X"));
  }

  @Test
  void clampsLinePastEndToDocumentEnd() {
    assertEquals("ab\ncdX", edit("ab\ncd", 9, 0, 12, 4, "X"));
    assertEquals("ab\nX", edit("ab\ncd", 1, 0, 9, 0, "X"));
    assertEquals("ab\nX", edit("ab\n", 1, 0, 1, 0, "X"));
    assertEquals("ab\nX", edit("ab\n", 2, 0, 2, 0, "X"));
  }

  @Test
  void joiningCrAndLfMakesOneLineBreak() {
    TextBuffer buffer = new TextBuffer("a\rX\nb");
    buffer.apply(new ContentChange.Incremental(new Position(1, 0), new Position(1, 1), ""));
    assertEquals("a\r\nb", buffer.text());
    buffer.apply(new ContentChange.Incremental(new Position(1, 0), new Position(1, 0), "Y"));
    assertEquals("a\r\nYb", buffer.text());
  }

  @Test
  void appendingLfAfterTrailingCrMergesTheBreak() {
    TextBuffer buffer = new TextBuffer("a\r");
    buffer.apply(new ContentChange.Incremental(new Position(1, 0), new Position(1, 0), "\nb"));
    assertEquals("a\r\nb", buffer.text());
    buffer.apply(new ContentChange.Incremental(new Position(1, 1), new Position(1, 1), "c"));
    assertEquals("a\r\nbc", buffer.text());
  }

  @Test
  void insertingCrBeforeCrLfKeepsBothBreaks() {
    TextBuffer buffer = new TextBuffer("a\r\nb");
    buffer.apply(new ContentChange.Incremental(new Position(0, 1), new Position(0, 1), "\rZ"));
    assertEquals("a\rZ\r\nb", buffer.text());
    buffer.apply(new ContentChange.Incremental(new Position(2, 0), new Position(2, 0), "W"));
    assertEquals("a\rZ\r\nWb", buffer.text());
  }

  @Test
  void editsAtStartAndInEmptyText() {
    assertEquals("X", edit("", 0, 0, 0, 0, "X"));
    assertEquals("Xab", edit("ab", 0, 0, 0, 0, "X"));
    assertEquals("\nab", edit("ab", 0, 0, 0, 0, "\n"));
  }

  @Test
  void keepsLineIndexCurrentThroughManyEdits() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      big.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    String expected = big.toString();
    TextBuffer buffer = new TextBuffer(expected);
    for (int i = 0; i < 1_000; i++) {
      int line = (i * 7919) % 20_000;
      String inserted = i % 2 == 0 ? "x" : "\n";
      buffer.apply(
          new ContentChange.Incremental(new Position(line, 2), new Position(line, 3), inserted));
      expected = ReferenceText.apply(expected, line, 2, line, 3, inserted);
    }
    assertEquals(expected, buffer.text());
  }
}
