package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.watch.FileChange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The closed set of events the {@link RebuildLoop}'s thread handles, in arrival order. */
sealed interface LoopEvent {
  /** Files changed on disk (one or more watcher batches, merged). */
  record FilesChanged(List<FileChange> changes) implements LoopEvent {
    public FilesChanged {
      changes = List.copyOf(changes);
    }
  }

  /** Build these targets (all run targets if empty) regardless of changes. */
  record BuildRequested(Set<String> targets, String reason) implements LoopEvent {
    public BuildRequested {
      targets = Set.copyOf(targets);
    }
  }

  /** A go build started at {@code generation} ended; dropped unless it is the target's latest. */
  record BuildFinished(
      String target, long generation, TargetBuilder.Outcome outcome, Map<String, String> stale)
      implements LoopEvent {}

  /** Stop the loop. */
  record Stop() implements LoopEvent {}
}
