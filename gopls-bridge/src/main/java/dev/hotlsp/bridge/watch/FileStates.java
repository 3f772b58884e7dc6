package dev.hotlsp.bridge.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The last state delivered for every watched file: a stat stamp for all of them (taken by one walk
 * at start-up, no hashing), and a SHA-256 of the content only for files that have been reported
 * since. Turns "something happened at these paths" into real {@link FileChange}s, dropping saves
 * that left the content unchanged. Each file is read at most once per batch, through one reused
 * buffer (a burst of 20,000 files used to allocate two 64 KiB buffers per file). Thread-safe.
 */
final class FileStates {
  private final PathFilter filter;
  private final FilteredTreeVisitor visitor;
  private final Map<Path, FileStamp> stamps = new HashMap<>();
  private final Map<Path, byte[]> hashes = new HashMap<>();
  private final Function<Path, byte[]> hasher;

  FileStates(PathFilter filter) {
    this(filter, new ContentHasher()::hash);
  }

  /** @param hasher the content hash of a file, called under this object's lock */
  FileStates(PathFilter filter, Function<Path, byte[]> hasher) {
    this.filter = filter;
    this.visitor = new FilteredTreeVisitor(filter);
    this.hasher = hasher;
  }

  /** Records the stamps of every file under {@code roots}, reporting nothing. */
  synchronized void record(List<Path> roots) throws IOException {
    stamps.putAll(walk(roots));
  }

  /** The changes at {@code touched} (files or directories) since the last delivered state. */
  synchronized List<FileChange> settle(Collection<Path> touched) throws IOException {
    var out = new LinkedHashMap<Path, FileChange>();
    var settled = new HashSet<Path>(); // a new directory and each file in it are all "touched"
    for (var path : touched) {
      var abs = path.toAbsolutePath().normalize();
      if (filter.excludes(abs)) {
        continue;
      }
      if (Files.isDirectory(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        var now = walk(List.of(abs));
        settleChanged(now, out, settled);
        deleteUnder(abs, now, out);
      } else if (FileStamp.of(abs).isPresent()) {
        if (settled.add(abs)) {
          settleFile(abs, out);
        }
      } else {
        deleteUnder(abs, Map.of(), out);
      }
    }
    return List.copyOf(out.values());
  }

  /** Re-walks all roots and diffs against the last delivered state (after lost events). */
  synchronized List<FileChange> rescan(List<Path> roots) throws IOException {
    var out = new LinkedHashMap<Path, FileChange>();
    var now = walk(roots);
    settleChanged(now, out, new HashSet<>());
    for (var known : List.copyOf(stamps.keySet())) {
      if (!now.containsKey(known)) {
        forget(known, out);
      }
    }
    return List.copyOf(out.values());
  }

  private void settleChanged(Map<Path, FileStamp> now, Map<Path, FileChange> out, Set<Path> settled)
      throws IOException {
    for (var entry : now.entrySet()) {
      if (!entry.getValue().equals(stamps.get(entry.getKey())) && settled.add(entry.getKey())) {
        settleFile(entry.getKey(), out);
      }
    }
  }

  private void settleFile(Path file, Map<Path, FileChange> out) throws IOException {
    var stamp = FileStamp.of(file);
    if (stamp.isEmpty()) {
      forget(file, out);
      return;
    }
    var before = stamps.put(file, stamp.get());
    var hash = hasher.apply(file);
    var beforeHash = hashes.put(file, hash);
    if (before == null) {
      out.put(file, new FileChange(file, FileChange.Kind.CREATED));
    } else if (beforeHash == null || !Arrays.equals(beforeHash, hash)) {
      out.put(file, new FileChange(file, FileChange.Kind.MODIFIED));
    }
  }

  private void deleteUnder(Path path, Map<Path, FileStamp> stillThere, Map<Path, FileChange> out) {
    var gone = new ArrayList<Path>();
    for (var known : stamps.keySet()) {
      if (known.startsWith(path) && !stillThere.containsKey(known)) {
        gone.add(known);
      }
    }
    gone.forEach(p -> forget(p, out));
  }

  private void forget(Path file, Map<Path, FileChange> out) {
    hashes.remove(file);
    if (stamps.remove(file) != null) {
      out.put(file, new FileChange(file, FileChange.Kind.DELETED));
    }
  }

  private Map<Path, FileStamp> walk(List<Path> roots) throws IOException {
    var found = new HashMap<Path, FileStamp>();
    for (var root : roots) {
      visitor.recursiveVisitFiles(
          root, dir -> {}, file -> FileStamp.of(file).ifPresent(s -> found.put(file, s)));
    }
    return found;
  }

}
