package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** The closed set of events the {@link RebuildLoop}'s thread handles, in arrival order. */
sealed interface LoopEvent {
  /** Files changed on disk (one or more watcher batches, merged). */
  record FilesChanged(List<FileChange> changes) implements LoopEvent {
    public FilesChanged {
      changes = List.copyOf(changes);
    }

    /**
     * One event for several batches in arrival order, each path once with its latest kind, except
     * that a file created and then modified stays created.
     */
    static FilesChanged merge(List<FilesChanged> batches) {
      var merged = new LinkedHashMap<Path, FileChange>();
      for (var batch : batches) {
        for (var change : batch.changes()) {
          var before = merged.get(change.path());
          var keepCreated =
              before != null
                  && before.kind() == FileChange.Kind.CREATED
                  && change.kind() == FileChange.Kind.MODIFIED;
          if (!keepCreated) {
            merged.put(change.path(), change);
          }
        }
      }
      return new FilesChanged(List.copyOf(merged.values()));
    }
  }

  /** Build these targets (all run targets if empty) regardless of changes. */
  record BuildRequested(Set<String> targets, String reason) implements LoopEvent {
    public BuildRequested {
      targets = Set.copyOf(targets);
    }
  }

  /** Something to do on the loop's thread: a job's end taken in, a request of another lane. */
  record OnLoop(Runnable task) implements LoopEvent {}

  /** Stop the loop. */
  record Stop() implements LoopEvent {}
}
