package dev.hotlsp.proxy.cli;

/**
 * The build cache's options: its cap ({@code --cache-max}, pruned to at the start of serve, run and
 * check) and whether {@code hotlsp cache} prunes ({@code cache prune}) or lists.
 */
public record CacheOptions(long maxBytes, boolean prune) {
  /** The default cap: 2 GiB. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;

  public CacheOptions {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("--cache-max must not be negative");
    }
  }
}
