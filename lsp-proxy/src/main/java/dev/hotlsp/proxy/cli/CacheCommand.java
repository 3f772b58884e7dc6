package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.cache.BuildCache;
import dev.hotlsp.bridge.cache.CacheDirs;
import dev.hotlsp.proxy.run.SandboxRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.time.Duration;
import java.util.Map;

/**
 * {@code hotlsp cache}: the build cache per workspace (size, last use, whether a live HotLSP uses
 * it), or with {@code prune} emptied of every directory no live HotLSP uses; and the upkeep every
 * serve (after its first seconds), run and check starts in the background (runs' directories of
 * killed HotLSPs, the cache pruned to {@code --cache-max}).
 */
final class CacheCommand {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final System.Logger LOG = System.getLogger(CacheCommand.class.getName());

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  CacheCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  /** Lists or prunes; 0, or 2 with one line on stderr when the cache cannot be read. */
  int run(CacheOptions options) {
    var cache = new BuildCache(CacheDirs.fromEnvironment(env));
    try {
      if (options.prune()) {
        var pruned = cache.prune(0);
        out.println("removed " + pruned.removed() + " workspace" + (pruned.removed() == 1 ? "" : "s") + " ("
            + size(pruned.bytesRemoved()) + "); " + pruned.inUse() + " in use by a live HotLSP kept ("
            + size(pruned.bytesLeft()) + ")");
        return 0;
      }
      var entries = cache.list();
      out.println(String.format(Locale.ROOT, "%10s  %-16s  %-6s  %s", "SIZE", "LAST USED (UTC)", "IN USE", "WORKSPACE"));
      long total = 0;
      for (var e : entries.reversed()) { // most recently used first
        total += e.bytes();
        var workspace = e.workspace().map(w -> printable(w.toString()) + (e.gone() ? " (gone)" : ""))
            .orElse("(not recorded) " + printable(e.dir().getFileName().toString()));
        out.println(String.format(Locale.ROOT, "%10s  %-16s  %-6s  %s", size(e.bytes()), WHEN.format(e.lastUsed()),
            e.inUse() ? "yes" : "no", workspace));
      }
      out.println(String.format(Locale.ROOT, "%10s  total of %d workspace%s in %s", size(total), entries.size(),
          entries.size() == 1 ? "" : "s", printable(cache.dir().toString())));
      return 0;
    } catch (IOException e) {
      err.println("hotlsp: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Starts, on a daemon thread {@code after} this call, the removal of the runs' directories killed
   * HotLSPs left in {@code tempBase} and the pruning of the build cache to {@code maxBytes} (a walk
   * of the whole cache: an editor session delays it past its {@code initialize}); what it does goes
   * to the log.
   */
  static void upkeep(Map<String, String> env, Path tempBase, long maxBytes, Duration after) {
    var start = after.isZero() ? (java.util.concurrent.Executor) Runnable::run
        : java.util.concurrent.CompletableFuture.delayedExecutor(after.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    start.execute(() -> Thread.ofPlatform().daemon().name("hotlsp-cache-upkeep").priority(Thread.MIN_PRIORITY).start(() -> {
      int runs = SandboxRunner.sweep(tempBase);
      try {
        var pruned = new BuildCache(CacheDirs.fromEnvironment(env)).prune(maxBytes);
        if (runs > 0 || pruned.removed() > 0) {
          LOG.log(System.Logger.Level.INFO, "removed " + runs + " run director" + (runs == 1 ? "y" : "ies")
              + " of ended HotLSPs and " + pruned.removed() + " workspace build director"
              + (pruned.removed() == 1 ? "y" : "ies") + " (" + size(pruned.bytesRemoved()) + "); the cache holds "
              + size(pruned.bytesLeft()) + " (--cache-max " + size(maxBytes) + ")");
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "no cache upkeep: " + e.getMessage());
      }
    }));
  }

  /** {@code 236.1 MiB}-style size (binary units). */
  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A path for a terminal: control characters as {@code \xNN}. */
  private static String printable(String text) {
    var b = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        b.append(String.format(Locale.ROOT, "\\x%02x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }
}
