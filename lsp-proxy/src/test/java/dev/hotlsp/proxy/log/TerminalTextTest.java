package dev.hotlsp.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
  /** A panic message that sets the title, clears the screen, writes the clipboard, returns the carriage and opens a C1 CSI. */
  static final String HOSTILE = "title\u001b]0;pwned\u0007 clear\u001b[2J\u001b[H clip\u001b]52;c;ZXZpbA==\u0007"
      + " cr\rfake csi\u009b31m end";
  static final String HOSTILE_ESCAPED = "title\\x1b]0;pwned\\x07 clear\\x1b[2J\\x1b[H clip\\x1b]52;c;ZXZpbA==\\x07"
      + " cr\\rfake csi\\u009b31m end";

  @Test
  void everyC0AndC1ControlButTabIsWrittenAsAVisibleEscape() {
    assertEquals(HOSTILE_ESCAPED, TerminalText.escape(HOSTILE));
    assertEquals("a\\nb\tc\\x00\\x7f\\u0080\\u009f\u00a0é→😀\\", TerminalText.escape("a\nb\tc\u0000\u007f\u0080\u009f\u00a0é→😀\\"));
  }

  @Test
  void textWithoutControlsIsReturnedAsItIs() {
    var plain = "main.go:7:2: error: panic: boom [panic]";
    assertSame(plain, TerminalText.escape(plain));
  }

  @Test
  void lineBreaksCanBeLeftToAFormatThatEncodesThem() {
    assertEquals("a\r\nb\\x1b[2J\tc\\u009b", TerminalText.escapeKeepingLineBreaks("a\r\nb\u001b[2J\tc\u009b"));
  }

  @Test
  void aLogLineQuotingHostileTextStaysOneLineWithoutControls() {
    var bytes = new ByteArrayOutputStream();
    var log = new Log(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false);
    log.warn("gopls said: " + HOSTILE + "\nsecond line");
    var text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith(" hotlsp WARN gopls said: " + HOSTILE_ESCAPED + "\\nsecond line" + System.lineSeparator()), text);
  }
}
