package dev.hotlsp.bridge.toolchain;

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

  @Test
  void rawBytesCountAsValidUtf8Does() {
    byte[] line = LINE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int character = 0; character <= LINE.length() + 2; character++) {
      assertEquals(PositionMapper.utf8Column(LINE, character), PositionMapper.utf8Column(line, character), "character " + character);
    }
  }

  @Test
  void eachInvalidByteIsOneUtf16UnitAsInGo() {
    // "caf" 0xE9 " " 0xE2 0x82 "x" 0xED 0xA0 0x80 (a surrogate: three invalid bytes) "y"
    byte[] line = {'c', 'a', 'f', (byte) 0xe9, ' ', (byte) 0xe2, (byte) 0x82, 'x', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'y'};
    assertEquals(4, PositionMapper.utf8Column(line, 3), "the Latin-1 byte");
    assertEquals(5, PositionMapper.utf8Column(line, 4), "after one invalid byte, one unit");
    assertEquals(8, PositionMapper.utf8Column(line, 7), "a truncated sequence is two invalid bytes");
    assertEquals(12, PositionMapper.utf8Column(line, 11), "an encoded surrogate is three invalid bytes");
    assertEquals(13, PositionMapper.utf8Column(line, 99), "clamps to the line end");
  }

  @Test
  void countsMultiByteCharactersAsGoAndLspDo() {
    assertEquals(0, PositionMapper.utf16Character("héllo", 1));
    assertEquals(3, PositionMapper.utf16Character("héllo", 5), "é is two bytes, one UTF-16 unit");
    assertEquals(2, PositionMapper.utf16Character("😀x", 5), "an emoji is four bytes, two units");
  }
}
