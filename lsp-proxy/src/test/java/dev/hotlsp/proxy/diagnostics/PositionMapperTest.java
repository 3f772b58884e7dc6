package dev.hotlsp.proxy.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PositionMapperTest {
  private static final String LINE = "x := \"é😀中\" + y";

  @Test
  void convertsGoByteColumnsToUtf16AndBack() {
    // bytes: x(1) ' '(2) :(3) =(4) ' '(5) "(6) é(7-8) 😀(9-12) 中(13-15) "(16) ' '(17) +(18) ' '(19) y(20)
    assertEquals(0, PositionMapper.utf16Character(LINE, 1));
    assertEquals(6, PositionMapper.utf16Character(LINE, 7));
    assertEquals(7, PositionMapper.utf16Character(LINE, 9));
    assertEquals(9, PositionMapper.utf16Character(LINE, 13));
    assertEquals(14, PositionMapper.utf16Character(LINE, 20));
    assertEquals(LINE.length(), PositionMapper.utf16Character(LINE, 999), "clamps to the line end");
    for (int character : new int[] {0, 6, 7, 9, 10, 14}) {
      assertEquals(character, PositionMapper.utf16Character(LINE, PositionMapper.utf8Column(LINE, character)));
    }
    assertEquals(9, PositionMapper.utf8Column(LINE, 8), "inside a surrogate pair: the character's start");
  }
}
