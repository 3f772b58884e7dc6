package dev.hotlsp.bridge.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which directory each watch root is now: its file key (device and inode), or empty when the root
 * is missing or not a directory. Two snapshots differ when a root was deleted, restored or replaced
 * — an inotify watch stays on the directory it was put on, so a replaced root needs a new one.
 */
record RootIdentities(Map<Path, Optional<Object>> keys) {
  RootIdentities {
    keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** The roots as they are on disk now. */
  static RootIdentities of(List<Path> roots) {
    var keys = new LinkedHashMap<Path, Optional<Object>>();
    for (var root : roots) {
      keys.put(root, key(root));
    }
    return new RootIdentities(keys);
  }

  /** The roots that are directories now, in the order given. */
  List<Path> present() {
    return keys.entrySet().stream().filter(e -> e.getValue().isPresent()).map(Map.Entry::getKey).toList();
  }

  private static Optional<Object> key(Path root) {
    try {
      var attributes = Files.readAttributes(root, BasicFileAttributes.class);
      return attributes.isDirectory() ? Optional.ofNullable(attributes.fileKey()).map(k -> (Object) k)
          .or(() -> Optional.of(root)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
