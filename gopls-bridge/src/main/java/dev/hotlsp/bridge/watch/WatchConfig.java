package dev.hotlsp.bridge.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link WorkspaceWatcher} watches: absolute root directories (workspace folders and go.work
 * modules; nested roots are allowed), extra exclusion globs matched against the path relative to
 * its root (e.g. {@code "**}{@code /testdata/**"}, {@code "tmp/**"}), and the quiet period of the
 * trailing debounce.
 */
public record WatchConfig(List<Path> roots, List<String> excludeGlobs, Duration debounce) {
  /**
   * The default quiet period: 10 ms with no new event ends a batch. An editor's save is one burst
   * of events well under 1 ms long; a longer burst (a git checkout) may be cut into several
   * batches, which costs at most a build that the next batch stops (a change to a target of the
   * running build stops it), never a missed change. It is on the path from save to restart: 50 ms
   * was a third of HotLSP's lead over a bare build loop (docs/benchmarks.md).
   */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(10);

  public WatchConfig {
    roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no roots to watch");
    }
    excludeGlobs = List.copyOf(excludeGlobs);
    Objects.requireNonNull(debounce, "debounce");
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("negative debounce: " + debounce);
    }
  }

  public static WatchConfig of(Path... roots) {
    return new WatchConfig(List.of(roots), List.of(), DEFAULT_DEBOUNCE);
  }

  public WatchConfig withDebounce(Duration quiet) {
    return new WatchConfig(roots, excludeGlobs, quiet);
  }
}
