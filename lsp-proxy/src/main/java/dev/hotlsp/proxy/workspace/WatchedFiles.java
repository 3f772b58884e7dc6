package dev.hotlsp.proxy.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.watch.FileChange;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Turns disk changes into gopls's {@code workspace/didChangeWatchedFiles} params: the files gopls
 * watches itself when an editor lets it ({@code **}/*.{go,mod,sum,work}, plus go.work.sum), and
 * any other file a package is built from (embedded files, assembly, cgo sources). Pure.
 */
final class WatchedFiles {
  private WatchedFiles() {}

  static boolean concernsGopls(FileChange change, Predicate<Path> buildInput) {
    var name = change.path().getFileName().toString();
    return name.endsWith(".go") || name.equals("go.mod") || name.equals("go.sum") || name.equals("go.work")
        || name.equals("go.work.sum") || buildInput.test(change.path());
  }

  /**
   * The params for {@code changes}, or empty when none concerns gopls.
   *
   * @param buildInput whether a file is read by a package's build (from the import graph)
   */
  static Optional<JsonObject> params(List<FileChange> changes, Predicate<Path> buildInput) {
    var events = new JsonArray();
    for (var change : changes) {
      if (!concernsGopls(change, buildInput)) {
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
