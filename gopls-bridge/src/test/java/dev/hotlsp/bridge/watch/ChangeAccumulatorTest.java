package dev.hotlsp.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.FakeScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeAccumulatorTest {
  private static final Duration QUIET = Duration.ofMillis(50);
  @TempDir Path root;
  private final FakeScheduler clock = new FakeScheduler();
  private final List<ChangeBatch> batches = new ArrayList<>();
  private ChangeAccumulator accumulator;
  private Path a;

  @BeforeEach
  void setUp() throws IOException {
    root = root.toRealPath();
    a = Files.writeString(root.resolve("a.go"), "package a\n");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/b.go"), "package sub\n");
    Files.createDirectories(root.resolve(".hotlsp/bin"));
    var filter = new PathFilter(List.of(root), List.of("**/*.tmp"));
    var states = new FileStates(filter);
    states.record(List.of(root));
    accumulator = new ChangeAccumulator(List.of(root), states, clock, QUIET, batches::add);
  }

  @Test
  void anEditIsReportedOnceQuiet() throws IOException {
    Files.writeString(a, "package a\n\nvar X = 1\n");
    accumulator.touched(a);
    accumulator.touched(a);
    clock.advance(QUIET);
    assertEquals(List.of(ChangeBatch.of(new FileChange(a, FileChange.Kind.MODIFIED))), batches);
  }

  @Test
  void aSaveThatKeepsTheReportedContentIsDropped() throws IOException {
    Files.writeString(a, "package a\n\nvar X = 1\n");
    accumulator.touched(a);
    clock.advance(QUIET);
    Files.writeString(a, "package a\n\nvar X = 1\n");
    accumulator.touched(a);
    clock.advance(QUIET);
    assertEquals(1, batches.size());
  }

  @Test
  void excludedPathsAreNeverReported() throws IOException {
    var out = Files.writeString(root.resolve(".hotlsp/bin/prog"), "binary");
    var tmp = Files.writeString(root.resolve("sub/x.tmp"), "scratch");
    accumulator.touched(out);
    accumulator.touched(tmp);
    clock.advance(QUIET);
    assertTrue(batches.isEmpty(), () -> "got " + batches);
  }

  @Test
  void aDeletedDirectoryReportsEachFileThatWasUnderIt() throws IOException {
    var b = root.resolve("sub/b.go");
    Files.delete(b);
    Files.delete(root.resolve("sub"));
    accumulator.touched(root.resolve("sub"));
    clock.advance(QUIET);
    assertEquals(List.of(ChangeBatch.of(new FileChange(b, FileChange.Kind.DELETED))), batches);
  }

  @Test
  void overflowRescansAndFindsChangesNoEventReported() throws IOException {
    var created = Files.writeString(root.resolve("sub/new.go"), "package sub\n");
    Files.delete(root.resolve("sub/b.go"));
    Files.writeString(a, "package a // longer now\n");
    accumulator.overflow();
    clock.advance(QUIET);
    assertEquals(1, batches.size());
    var batch = batches.getFirst();
    assertTrue(batch.rescanned());
    assertEquals(
        Set.of(
            new FileChange(created, FileChange.Kind.CREATED),
            new FileChange(root.resolve("sub/b.go"), FileChange.Kind.DELETED),
            new FileChange(a, FileChange.Kind.MODIFIED)),
        batch.changes().stream().collect(Collectors.toSet()));
  }

  @Test
  void aRescanWithNothingChangedDeliversNothing() {
    accumulator.overflow();
    clock.advance(QUIET);
    assertTrue(batches.isEmpty());
  }
}
