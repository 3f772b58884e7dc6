package dev.hotlsp.proxy.harness;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test's own copy of a workspace in a temporary directory (tests mutate it freely): a copy of
 * one of the repository's {@code test-workspaces/}, or files written from text.
 */
public record Sandbox(Path root) {
  public Sandbox {
    root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(root + " is not a directory");
    }
  }

  /** Copies {@code test-workspaces/NAME} into {@code tempDir} and returns the sandbox on the copy. */
  public static Sandbox copyOf(String workspace, Path tempDir) throws IOException {
    var from = HarnessEnv.testWorkspace(workspace);
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException("no test workspace " + from);
    }
    var to = tempDir.resolve(workspace);
    try (Stream<Path> all = Files.walk(from)) {
      for (var p : (Iterable<Path>) all::iterator) {
        var target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return new Sandbox(to);
  }

  /** A sandbox in {@code tempDir} holding exactly {@code files} (relative path to text). */
  public static Sandbox fromText(Path tempDir, Map<String, String> files) throws IOException {
    var sandbox = new Sandbox(tempDir);
    for (var e : files.entrySet()) {
      sandbox.write(e.getKey(), e.getValue());
    }
    return sandbox;
  }

  public Path path(String relative) {
    var p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(relative + " escapes the sandbox");
    }
    return p;
  }

  /** The file: URI of a sandbox file, spelled as editors and gopls spell it ({@code file:///...}). */
  public String uri(String relative) {
    return path(relative).toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
  }

  public String rootUri() {
    return uri(".").replaceAll("/$", "");
  }

  public void write(String relative, String text) throws IOException {
    var p = path(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, UTF_8);
  }

  public String read(String relative) {
    try {
      return Files.readString(path(relative), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
