package dev.hotlsp.proxy.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.watch.FileChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchedFilesTest {
  @Test
  void goModuleFilesAndBuildInputsConcernGoplsOtherFilesDoNot() {
    var embedded = Path.of("/w/static/index.html");
    var changes = List.of(
        new FileChange(Path.of("/w/a.go"), FileChange.Kind.MODIFIED),
        new FileChange(Path.of("/w/go.mod"), FileChange.Kind.CREATED),
        new FileChange(Path.of("/w/old.go"), FileChange.Kind.DELETED),
        new FileChange(embedded, FileChange.Kind.MODIFIED),
        new FileChange(Path.of("/w/README.md"), FileChange.Kind.MODIFIED));
    var params = WatchedFiles.params(changes, embedded::equals).orElseThrow();
    var events = params.getAsJsonArray("changes");
    assertEquals(4, events.size());
    assertEquals("file:///w/a.go", events.get(0).getAsJsonObject().get("uri").getAsString());
    assertEquals(2, events.get(0).getAsJsonObject().get("type").getAsInt());
    assertEquals(1, events.get(1).getAsJsonObject().get("type").getAsInt());
    assertEquals(3, events.get(2).getAsJsonObject().get("type").getAsInt());
    assertTrue(WatchedFiles.params(List.of(changes.get(4)), p -> false).isEmpty());
  }
}
