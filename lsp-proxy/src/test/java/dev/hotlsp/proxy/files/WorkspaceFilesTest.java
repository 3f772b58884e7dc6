package dev.hotlsp.proxy.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's file access stays inside the workspace: no absolute path, no {@code ..}, no link at any component. */
class WorkspaceFilesTest {
  @TempDir Path tmp;
  Path ws;
  Path outside;
  WorkspaceFiles files;

  @BeforeEach
  void layout() throws IOException {
    ws = Files.createDirectories(tmp.resolve("ws"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.writeString(ws.resolve("main.go"), "package main\n");
    Files.createDirectories(ws.resolve("cmd/a"));
    Files.writeString(ws.resolve("cmd/a/main.go"), "package main\n\nfunc main() {}\n");
    Files.createDirectories(ws.resolve(".git"));
    Files.writeString(ws.resolve(".git/config"), "[core]\n");
    Files.createDirectories(ws.resolve("node_modules/x"));
    Files.writeString(ws.resolve("node_modules/x/i.js"), "");
    Files.createSymbolicLink(ws.resolve("escape"), outside);
    Files.createSymbolicLink(ws.resolve("secret.txt"), outside.resolve("secret.txt"));
    files = new WorkspaceFiles(ws, List.of("gen/**"), 64, 100);
  }

  @Test
  void listsRegularFilesOnlySkippingLinksAndTheWatchersExcludes() throws IOException {
    Files.createDirectories(ws.resolve("gen"));
    Files.writeString(ws.resolve("gen/x.go"), "package gen\n");
    var paths = files.list().files().stream().map(WorkspaceFiles.Entry::path).toList();
    assertEquals(List.of("cmd/a/main.go", "main.go"), paths);
    assertFalse(files.list().truncated());
  }

  @Test
  void aListingIsCutAtItsCap() throws IOException {
    var small = new WorkspaceFiles(ws, List.of(), 64, 1);
    assertEquals(1, small.list().files().size());
    assertTrue(small.list().truncated());
  }

  @Test
  void readsAndWritesAFileByItsRelativePath() throws Exception {
    assertEquals("package main\n", files.read("main.go"));
    assertEquals(9, files.write("cmd/a/main.go", "package x"));
    assertEquals("package x", Files.readString(ws.resolve("cmd/a/main.go")));
    files.write("new.go", "package main\n");
    assertEquals("package main\n", Files.readString(ws.resolve("new.go")));
  }

  @Test
  void aWriteKeepsTheFilesPermissionsAndLeavesNoTemporaryFile() throws Exception {
    Files.setPosixFilePermissions(ws.resolve("main.go"), PosixFilePermissions.fromString("rwx------"));
    files.write("main.go", "package main // edited\n");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("main.go"))));
    try (var entries = Files.list(ws)) {
      assertTrue(entries.noneMatch(p -> p.getFileName().toString().endsWith(".hotlsp-tmp")));
    }
  }

  @Test
  void absoluteDotDotAndOddPathsAreBadPaths() {
    for (var path : List.of("/etc/passwd", ws.resolve("main.go").toString(), "../outside/secret.txt", "cmd/../../outside/secret.txt",
        "cmd/./a/main.go", "cmd//a/main.go", "", "cmd/a/", "a\\b", "a\0b", "..")) {
      var e = assertThrows(FileAccessException.class, () -> files.read(path), path);
      assertTrue(e.badPath(), path + ": " + e.getMessage());
      assertThrows(FileAccessException.class, () -> files.write(path, "x"), path);
    }
    assertEquals("secret", read(outside.resolve("secret.txt")));
  }

  @Test
  void aLinkAtAnyComponentIsRefusedForReadingAndWriting() throws Exception {
    for (var path : List.of("escape/secret.txt", "secret.txt")) {
      var e = assertThrows(FileAccessException.class, () -> files.read(path), path);
      assertFalse(e.badPath());
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
      assertThrows(FileAccessException.class, () -> files.write(path, "pwned"), path);
    }
    assertThrows(FileAccessException.class, () -> files.write("escape/new.go", "pwned"));
    assertEquals("secret", read(outside.resolve("secret.txt")));
    assertFalse(Files.exists(outside.resolve("new.go")));
    assertTrue(Files.isSymbolicLink(ws.resolve("secret.txt")), "the link itself is left alone");
  }

  @Test
  void aLinkDeeperInTheTreeIsRefusedToo() throws Exception {
    Files.createSymbolicLink(ws.resolve("cmd/up"), ws.getParent());
    assertThrows(FileAccessException.class, () -> files.read("cmd/up/outside/secret.txt"));
    assertThrows(FileAccessException.class, () -> files.write("cmd/up/outside/secret.txt", "pwned"));
    assertEquals("secret", read(outside.resolve("secret.txt")));
  }

  @Test
  void excludedDirectoriesNonRegularFilesAndLargeFilesAreRefused() throws Exception {
    assertThrows(FileAccessException.class, () -> files.read(".git/config"));
    assertThrows(FileAccessException.class, () -> files.write(".git/hooks-pre-commit", "#!/bin/sh\n"));
    assertThrows(FileAccessException.class, () -> files.read("node_modules/x/i.js"));
    assertThrows(FileAccessException.class, () -> files.read("cmd"));
    assertThrows(FileAccessException.class, () -> files.write("cmd", "x"));
    assertThrows(FileAccessException.class, () -> files.read("missing.go"));
    assertThrows(FileAccessException.class, () -> files.write("missing/new.go", "x"));
    Files.writeString(ws.resolve("big.txt"), "x".repeat(65));
    assertThrows(FileAccessException.class, () -> files.read("big.txt"));
    assertThrows(FileAccessException.class, () -> files.write("main.go", "x".repeat(65)));
    Files.write(ws.resolve("bin.dat"), new byte[] {(byte) 0xff, (byte) 0xfe});
    assertThrows(FileAccessException.class, () -> files.read("bin.dat"));
  }

  @Test
  void aWorkspaceReachedThroughALinkIsResolvedOnceByTheServer() throws Exception {
    var link = Files.createSymbolicLink(tmp.resolve("link"), ws);
    var viaLink = new WorkspaceFiles(link, List.of(), 64, 100);
    assertEquals(ws.toRealPath(), viaLink.root());
    assertEquals("package main\n", viaLink.read("main.go"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
