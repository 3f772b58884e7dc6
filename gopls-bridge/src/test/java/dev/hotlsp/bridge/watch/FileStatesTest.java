package dev.hotlsp.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatesTest {
  @TempDir Path root;

  @Test
  void aBurstReadsEachFileOnceThoughItsDirectoryAndTheFileWereBothTouched() throws IOException {
    root = root.toRealPath();
    var reads = new HashMap<Path, Integer>();
    var hasher = new ContentHasher();
    var states = new FileStates(new PathFilter(List.of(root), List.of()), file -> {
      reads.merge(file, 1, Integer::sum);
      return hasher.hash(file);
    });
    states.record(List.of(root));
    var dir = Files.createDirectories(root.resolve("unpacked/p"));
    var touched = new ArrayList<Path>(List.of(root.resolve("unpacked"), dir));
    for (int i = 0; i < 50; i++) {
      touched.add(Files.writeString(dir.resolve("f" + i + ".go"), "package p\n// " + i + "\n"));
    }

    var changes = states.settle(touched); // what the watcher reports for an unpack: directories and files

    assertEquals(50, changes.size());
    changes.forEach(c -> assertEquals(FileChange.Kind.CREATED, c.kind(), c.toString()));
    assertEquals(50, reads.size());
    assertEquals(Map.of(1, 50), countsOf(reads), "each file read once");
  }

  @Test
  void theReusedBufferHashesLikeAFreshOne() throws IOException {
    var big = Files.write(root.resolve("big"), new byte[200 * 1024 + 7]);
    var small = Files.writeString(root.resolve("small"), "x");
    var hasher = new ContentHasher();
    var first = hasher.hash(big);
    hasher.hash(small);
    assertEquals(java.util.HexFormat.of().formatHex(first), java.util.HexFormat.of().formatHex(hasher.hash(big)));
    assertEquals(java.util.HexFormat.of().formatHex(new ContentHasher().hash(small)),
        java.util.HexFormat.of().formatHex(hasher.hash(small)));
  }

  private static Map<Integer, Integer> countsOf(Map<Path, Integer> reads) {
    var counts = new HashMap<Integer, Integer>();
    reads.values().forEach(n -> counts.merge(n, 1, Integer::sum));
    return counts;
  }
}
