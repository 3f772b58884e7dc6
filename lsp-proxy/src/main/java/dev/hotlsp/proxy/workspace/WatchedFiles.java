package dev.hotlsp.proxy.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.watch.FileChange;
import java.util.List;
import java.util.Optional;

/**
 * Turns disk changes into gopls's {@code workspace/didChangeWatchedFiles} params: only the files
 * gopls watches itself when an editor lets it ({@code **}/*.{go,mod,sum,work}, plus
 * go.work.sum). Pure.
 */
final class WatchedFiles {
  private WatchedFiles() {}

  static boolean concernsGopls(FileChange change) {
    var name = change.path().getFileName().toString();
    return name.endsWith(".go") || name.equals("go.mod") || name.equals("go.sum") || name.equals("go.work")
        || name.equals("go.work.sum");
  }

  /** The params for {@code changes}, or empty when none concerns gopls. */
  static Optional<JsonObject> params(List<FileChange> changes) {
    var events = new JsonArray();
    for (var change : changes) {
      if (!concernsGopls(change)) {
        continue;
      }
      var e = new JsonObject();
      e.addProperty("uri", change.path().toUri().toString());
      e.addProperty("type", switch (change.kind()) {
        case CREATED -> 1;
        case MODIFIED -> 2;
        case DELETED -> 3;
      });
      events.add(e);
    }
    if (events.isEmpty()) {
      return Optional.empty();
    }
    var p = new JsonObject();
    p.add("changes", events);
    return Optional.of(p);
  }
}
