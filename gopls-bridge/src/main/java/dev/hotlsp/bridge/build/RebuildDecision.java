package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.watch.FileChange;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the rebuild loop decided for a set of changes: the targets to (re)build with their reasons —
 * empty when no run target depends on the changes — and why the import graph was reloaded first
 * (empty if it was not).
 */
public record RebuildDecision(
    List<FileChange> changes, Map<String, String> targets, String graphReloadReason) {
  public RebuildDecision {
    changes = List.copyOf(changes);
    targets = Map.copyOf(targets);
    Objects.requireNonNull(graphReloadReason, "graphReloadReason");
  }
}
