package dev.hotlsp.bridge.cache;

import java.nio.file.Path;

/**
 * A second process for {@link BuildCacheTest}: takes the lease of {@code args[1]} (below the cache
 * base {@code args[0]}) for workspace {@code args[2]}, says {@code leased}, and holds it until its
 * stdin ends.
 */
public final class LeaseHolder {
  private LeaseHolder() {}

  public static void main(String[] args) throws Exception {
    try (var lease = CacheLease.acquire(new CacheDirs(Path.of(args[0])), Path.of(args[1]), Path.of(args[2]))) {
      System.out.println("leased");
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
