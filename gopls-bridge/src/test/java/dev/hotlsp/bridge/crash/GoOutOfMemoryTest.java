package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Go's out-of-memory fatal errors in the runtime's spellings, and what is not one. */
class GoOutOfMemoryTest {
  @Test
  void theRuntimesSpellingsAreOutOfMemory() {
    for (var line : new String[] {
        "fatal error: runtime: out of memory",
        "fatal error: out of memory",
        "fatal error: out of memory allocating heap arena metadata",
        "fatal error: out of memory allocating allArenas",
        "fatal error: out of memory (stackalloc)",
        "fatal error: pageAlloc: out of memory"}) {
      assertTrue(GoOutOfMemory.isFatalLine(line), line);
      assertTrue(GoOutOfMemory.saidIn("1 MiB\n" + line + "\n\nruntime stack:\n"), line);
    }
  }

  @Test
  void otherFatalErrorsAndPanicsAreNot() {
    for (var line : new String[] {
        "fatal error: all goroutines are asleep - deadlock!",
        "fatal error: concurrent map writes",
        "panic: out of memory",
        "fatal error: my cache: ran out of memory slots",
        "  fatal error: runtime: out of memory",
        "fatal error: runtime: out of memoryless"}) {
      assertFalse(GoOutOfMemory.isFatalLine(line), line);
      assertFalse(GoOutOfMemory.saidIn("x\n" + line + "\n"), line);
    }
    assertFalse(GoOutOfMemory.isFatalLine("fatal error: out of memory\nmore"));
  }
}
