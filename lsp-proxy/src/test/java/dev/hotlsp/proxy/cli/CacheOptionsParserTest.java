package dev.hotlsp.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --cache-max SIZE} (the run options' SIZE syntax) and {@code hotlsp cache [prune]}. */
class CacheOptionsParserTest {
  @Test
  void theCapIsASizeWithASaneDefault() throws Exception {
    assertEquals(2L << 30, OptionsParser.parse("serve").cache().maxBytes());
    assertEquals(512L << 20, OptionsParser.parse("serve", "--cache-max", "512MiB").cache().maxBytes());
    assertEquals(0, OptionsParser.parse("run", "--cache-max", "0", "./cmd/x").cache().maxBytes());
    assertEquals(5L << 30, OptionsParser.parse("check", "--cache-max", "5GiB").cache().maxBytes());
    var e = assertThrows(UsageException.class, () -> OptionsParser.parse("serve", "--cache-max", "lots"));
    assertEquals("--cache-max needs a size such as 64MiB or 1GiB, got lots", e.getMessage());
  }

  @Test
  void cacheListsAndCachePrunePrunes() throws Exception {
    var list = OptionsParser.parse("cache");
    assertEquals("cache", list.command());
    assertFalse(list.cache().prune());
    assertTrue(OptionsParser.parse("cache", "prune").cache().prune());
    assertEquals("unexpected argument: frob", assertThrows(UsageException.class, () -> OptionsParser.parse("cache", "frob")).getMessage());
    assertEquals("unexpected argument: prune",
        assertThrows(UsageException.class, () -> OptionsParser.parse("cache", "prune", "prune")).getMessage());
  }
}
