package dev.hotlsp.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real watcher on a real directory; each test ends with a marker edit as a barrier. */
class WorkspaceWatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;

  @Test
  void reportsRealEditsButNotExcludedDirsOrUnchangedSaves() throws Exception {
    var root = dir.toRealPath();
    var main = Files.writeString(root.resolve("main.go"), "package main\n");
    var marker = Files.writeString(root.resolve("marker.txt"), "0");
    Files.createDirectories(root.resolve(".hotlsp/bin"));
    var batches = new Recorder<ChangeBatch>();
    try (var scheduler = new ExecutorScheduler("test-debounce");
        var watcher = WorkspaceWatcher.start(WatchConfig.of(root), scheduler, batches::add)) {
      Files.writeString(main, "package main\n\nfunc main() {}\n");
      var first = batches.awaitNth(1, b -> true, WAIT);
      assertEquals(List.of(new FileChange(main, FileChange.Kind.MODIFIED)), first.changes());

      Files.writeString(main, "package main\n\nfunc main() {}\n");
      Files.writeString(root.resolve(".hotlsp/bin/prog"), "binary");
      Files.writeString(marker, "1");
      var second = batches.awaitNth(2, b -> true, WAIT);
      assertEquals(List.of(new FileChange(marker, FileChange.Kind.MODIFIED)), second.changes());
    }
  }

  @Test
  void filesInANewDirectoryAreReportedAsCreated() throws Exception {
    var root = dir.toRealPath();
    var batches = new Recorder<ChangeBatch>();
    try (var scheduler = new ExecutorScheduler("test-debounce");
        var watcher = WorkspaceWatcher.start(WatchConfig.of(root), scheduler, batches::add)) {
      Files.createDirectories(root.resolve("pkg/deep"));
      var file = Files.writeString(root.resolve("pkg/deep/x.go"), "package deep\n");
      var all =
          batches.await(
              l ->
                  l.stream()
                      .flatMap(b -> b.changes().stream())
                      .anyMatch(c -> c.path().equals(file)),
              WAIT);
      var change =
          all.stream()
              .flatMap(b -> b.changes().stream())
              .filter(c -> c.path().equals(file))
              .findFirst()
              .orElseThrow();
      assertEquals(FileChange.Kind.CREATED, change.kind());
      assertTrue(
          all.stream()
              .flatMap(b -> b.changes().stream())
              .allMatch(c -> Files.isRegularFile(c.path())));
    }
  }

  @Test
  void aRootDeletedAndRestoredIsWatchedAgain() throws Exception {
    var root = Files.createDirectories(dir.toRealPath().resolve("ws"));
    var main = Files.writeString(root.resolve("main.go"), "package main\n");
    var pkg = Files.writeString(Files.createDirectories(root.resolve("pkg")).resolve("p.go"), "package pkg\n");
    var batches = new Recorder<ChangeBatch>();
    try (var scheduler = new ExecutorScheduler("test-debounce");
        var watcher = WorkspaceWatcher.start(WatchConfig.of(root), scheduler, batches::add)) {
      assertTrue(dev.hotlsp.bridge.process.FileTrees.delete(root));
      int gone = batches.await(l -> has(l, main, FileChange.Kind.DELETED), WAIT).size();

      Files.createDirectories(root.resolve("pkg"));
      Files.writeString(pkg, "package pkg\n");
      Files.writeString(main, "package main\n\nfunc main() {}\n");
      batches.await(l -> has(l.subList(gone, l.size()), main, FileChange.Kind.CREATED)
          && has(l.subList(gone, l.size()), pkg, FileChange.Kind.CREATED), WAIT);

      int restored = batches.all().size();
      Files.writeString(main, "package main\n\nfunc main() { println() }\n");
      batches.await(l -> has(l.subList(restored, l.size()), main, FileChange.Kind.MODIFIED), WAIT);
    }
  }

  private static boolean has(List<ChangeBatch> batches, Path file, FileChange.Kind kind) {
    return batches.stream().flatMap(b -> b.changes().stream()).anyMatch(c -> c.path().equals(file) && c.kind() == kind);
  }
}
