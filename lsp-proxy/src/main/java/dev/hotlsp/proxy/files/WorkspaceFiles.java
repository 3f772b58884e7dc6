package dev.hotlsp.proxy.files;

import dev.hotlsp.bridge.watch.PathFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of one web session's workspace, read and written for the page (the user's editor) and
 * confined to it: paths are relative with {@code /} separators, no {@code .}, {@code ..} or empty
 * component; no component may be a symbolic link (each is checked without following links and the
 * file is opened with {@code O_NOFOLLOW}); only regular files up to a size cap; nothing under the
 * directories the watcher never looks into ({@code .git}, {@code node_modules}, {@code .hotlsp})
 * or its exclude globs; writes go to a temporary file in the same directory, then a rename.
 * Thread-safe (no mutable state).
 */
public final class WorkspaceFiles {
  /** One listed file: its workspace-relative path and size in bytes. */
  public record Entry(String path, long size) {}

  /** A listing, cut at {@code maxEntries} files ({@code truncated}). */
  public record Listing(Path root, List<Entry> files, boolean truncated) {}

  private final Path root;
  private final PathFilter filter;
  private final long maxFileBytes;
  private final int maxEntries;

  /**
   * @param root the workspace (its real path is taken once: a root that is itself a link is resolved here, by the server, never by a client)
   * @param excludeGlobs the watcher's extra excludes ({@code --exclude}), relative to the root
   */
  public WorkspaceFiles(Path root, List<String> excludeGlobs, long maxFileBytes, int maxEntries) throws IOException {
    this.root = root.toRealPath();
    this.filter = new PathFilter(List.of(this.root), excludeGlobs);
    this.maxFileBytes = maxFileBytes;
    this.maxEntries = maxEntries;
  }

  public Path root() {
    return root;
  }

  /** The regular files under the root that the watcher would watch, sorted by path; links are not followed. */
  public Listing list() throws IOException {
    var out = new ArrayList<Entry>();
    var truncated = new boolean[1];
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return filter.excludes(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile() || filter.excludes(file)) {
          return FileVisitResult.CONTINUE;
        }
        if (out.size() >= maxEntries) {
          truncated[0] = true;
          return FileVisitResult.TERMINATE;
        }
        out.add(new Entry(relative(file), attrs.size()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(Comparator.comparing(Entry::path));
    return new Listing(root, List.copyOf(out), truncated[0]);
  }

  /** The text of a regular file (UTF-8). */
  public String read(String path) throws FileAccessException, IOException {
    var file = resolve(path);
    var attrs = attributes(path, file);
    if (attrs == null) {
      throw FileAccessException.refused(path, "no such file");
    }
    regularWithinCap(path, attrs);
    try (var channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      if (channel.size() > maxFileBytes) {
        throw FileAccessException.refused(path, "larger than " + maxFileBytes + " bytes");
      }
      var bytes = ByteBuffer.allocate((int) channel.size());
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // read to the end of what it had
      }
      bytes.flip();
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
      } catch (CharacterCodingException e) {
        throw FileAccessException.refused(path, "not UTF-8 text");
      }
    } catch (IOException e) {
      if (isLoop(e)) {
        throw FileAccessException.refused(path, "is a symbolic link");
      }
      throw e;
    }
  }

  /**
   * Replaces (or creates, in an existing directory) a regular file with {@code text} as UTF-8,
   * atomically: a temporary file beside it, then a rename over it; an existing file's permissions are kept.
   * Returns the size written.
   */
  public long write(String path, String text) throws FileAccessException, IOException {
    var file = resolve(path);
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxFileBytes) {
      throw FileAccessException.refused(path, "larger than " + maxFileBytes + " bytes");
    }
    var existing = attributes(path, file);
    if (existing != null) {
      regularWithinCap(path, existing);
    }
    var parent = file.getParent();
    var temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".hotlsp-tmp");
    try {
      if (!temp.toRealPath().getParent().equals(parent)) {
        // a directory on the way was swapped for a link since resolve() checked it
        throw FileAccessException.refused(path, "a directory on its path changed while it was written");
      }
      try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.setPosixFilePermissions(temp, existing instanceof PosixFileAttributes posix
          ? posix.permissions() : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return bytes.length;
  }

  /**
   * The absolute path {@code path} names under the root, after checking its form, that it is not
   * excluded, and that every directory on the way is a real directory (not a link).
   */
  Path resolve(String path) throws FileAccessException {
    if (path == null || path.isEmpty()) {
      throw FileAccessException.badPath(String.valueOf(path), "empty");
    }
    if (path.length() > 4096 || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
      throw FileAccessException.badPath(path, "too long, or holds NUL or a backslash");
    }
    if (path.startsWith("/")) {
      throw FileAccessException.badPath(path, "absolute; paths are relative to the workspace");
    }
    var names = path.split("/", -1);
    for (var name : names) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw FileAccessException.badPath(path, "has an empty, \".\" or \"..\" component");
      }
    }
    var file = root;
    for (int i = 0; i < names.length; i++) {
      file = file.resolve(names[i]);
      if (i == names.length - 1) {
        break;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw FileAccessException.refused(path, "no directory " + relative(file));
      }
      if (attrs.isSymbolicLink()) {
        throw FileAccessException.refused(path, relative(file) + " is a symbolic link");
      }
      if (!attrs.isDirectory()) {
        throw FileAccessException.refused(path, relative(file) + " is not a directory");
      }
    }
    if (!file.normalize().startsWith(root) || filter.excludes(file)) {
      throw FileAccessException.refused(path, "excluded from the workspace's files");
    }
    return file;
  }

  /** The file's own attributes (a link's, not its target's), or null when it does not exist. */
  private static BasicFileAttributes attributes(String path, Path file) throws IOException {
    try {
      return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (UnsupportedOperationException e) {
      try {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException missing) {
        return null;
      }
    }
  }

  private void regularWithinCap(String path, BasicFileAttributes attrs) throws FileAccessException {
    if (attrs.isSymbolicLink()) {
      throw FileAccessException.refused(path, "is a symbolic link");
    }
    if (!attrs.isRegularFile()) {
      throw FileAccessException.refused(path, "not a regular file");
    }
    if (attrs.size() > maxFileBytes) {
      throw FileAccessException.refused(path, "larger than " + maxFileBytes + " bytes");
    }
  }

  /** ELOOP from an O_NOFOLLOW open: the last component became a link after it was checked. */
  private static boolean isLoop(IOException e) {
    return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
        && fs.getReason().contains("symbolic links");
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }
}
