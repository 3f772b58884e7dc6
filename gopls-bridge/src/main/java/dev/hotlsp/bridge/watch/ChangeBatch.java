package dev.hotlsp.bridge.watch;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The file changes of one quiet period, each path at most once; {@code rescanned} is true when the
 * batch came from a re-walk of the tree after the watch service lost events (overflow).
 */
public record ChangeBatch(List<FileChange> changes, boolean rescanned) {
  public ChangeBatch {
    changes = List.copyOf(changes);
    var seen = new HashSet<Path>();
    for (var change : changes) {
      if (!seen.add(change.path())) {
        throw new IllegalArgumentException("path twice in one batch: " + change.path());
      }
    }
  }

  /** A batch of changes seen by the watch service (not a rescan). */
  public static ChangeBatch of(FileChange... changes) {
    return new ChangeBatch(List.of(changes), false);
  }

  public List<Path> paths() {
    return changes.stream().map(FileChange::path).toList();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
