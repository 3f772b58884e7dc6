package dev.hotlsp.bridge.graph;

import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Asks {@code go list -f '{{.ImportPath}} {{.Stale}} {{.StaleReason}}'} about a few packages, to
 * say why they are rebuilt. Informational only: for a main package Stale compares against the
 * binary installed in GOBIN, not the {@code -o} output HotLSP builds, so no decision rests on it.
 * Thread-safe.
 */
public final class StalenessProbe {
  private static final System.Logger LOG = System.getLogger(StalenessProbe.class.getName());
  private final GoToolchain go;
  private final List<String> buildFlags;

  /** {@code buildFlags} must be the flags of the builds, since they change what is stale. */
  public StalenessProbe(GoToolchain go, List<String> buildFlags) {
    this.go = go;
    this.buildFlags = List.copyOf(buildFlags);
  }

  /**
   * For each stale package of {@code packages} (as go's command line names them, e.g. {@code
   * ./cmd/server}), go's StaleReason by import path; fresh packages are absent. Empty (and logged)
   * when go list fails.
   */
  public Map<String, String> staleReasons(Path workingDir, Collection<String> packages)
      throws IOException, InterruptedException {
    var args = new ArrayList<String>(buildFlags);
    args.add("-e");
    args.add("-f");
    args.add("{{.ImportPath}} {{.Stale}} {{.StaleReason}}");
    args.addAll(packages);
    // Beside a build on few cores, an ordinary-priority go list slowed the build by ~55 ms.
    var result = go.runInBackground(new GoCommand("list", args, Map.of(), workingDir));
    var out = new TreeMap<String, String>();
    if (!result.ok()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "go list (StaleReason) of " + packages + " failed: " + result.stderr().strip());
      return out;
    }
    for (var line : result.stdout().split("\n")) {
      var parts = line.split(" ", 3);
      if (parts.length >= 2 && parts[1].equals("true")) {
        out.put(parts[0], parts.length == 3 ? parts[2].strip() : "");
      }
    }
    return out;
  }

  /** {@link #staleReasons} on {@code executor}; completes with an empty map on any failure. */
  public CompletableFuture<Map<String, String>> staleReasonsAsync(
      Path workingDir, Collection<String> packages, Executor executor) {
    var paths = List.copyOf(packages);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return staleReasons(workingDir, paths);
          } catch (IOException e) {
            return Map.<String, String>of();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.<String, String>of();
          }
        },
        executor);
  }
}
