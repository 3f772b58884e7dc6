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
  /** The default quiet period: 50 ms with no new event ends a batch. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);

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
