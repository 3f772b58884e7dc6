package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masked digests of real binaries of test-workspaces/httpserver built by the real go. */
class BinaryDigestTest {
  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private Path root;

  @BeforeEach
  void copy() throws IOException {
    root = Workspaces.copy("httpserver", tmp);
  }

  private Path build(String name) throws Exception {
    var out = tmp.resolve(name);
    var result = go.run(GoCommand.of(root, "build", "-o", out.toString(), "-buildvcs=false", "."));
    assertTrue(result.ok(), result::stderr);
    return out;
  }

  private void edit(String from, String to) throws IOException {
    var main = root.resolve("main.go");
    var text = Files.readString(main);
    assertTrue(text.contains(from), from);
    Files.writeString(main, text.replace(from, to));
  }

  private String goBuildId(Path binary) throws Exception {
    // the test's own look at a file outside the workspace: not a command for the workspace, so not sandboxed
    var result = go.unsandboxed().run(GoCommand.of(root, "tool", "buildid", binary.toString()));
    assertTrue(result.ok(), result::stderr);
    return result.stdout().strip();
  }

  @Test
  void aCommentEditInMainChangesOnlyTheBuildIdsAndKeepsTheDigest() throws Exception {
    var before = build("before");
    edit("// Command httpserver serves", "// Command httpserver (edited) serves");
    var after = build("after");

    assertNotEquals(goBuildId(before), goBuildId(after), "go gives the comment edit a new build ID");
    assertNotEquals(sha256(before), sha256(after), "so the plain bytes differ");
    assertEquals(BinaryDigest.of(before), BinaryDigest.of(after));
  }

  @Test
  void theMaskedRangesAreTheGoAndGnuBuildIdNotes() throws Exception {
    var binary = build("server");
    ElfBuildIds ids;
    try (var channel = FileChannel.open(binary)) {
      ids = ElfBuildIds.read(channel).orElseThrow();
    }
    assertEquals(goBuildId(binary), ids.goBuildId());
    assertEquals(2, ids.ranges().size(), ids::toString);
    byte[] bytes = Files.readAllBytes(binary);
    var goNote = ids.ranges().getFirst();
    assertArrayEquals(
        ids.goBuildId().getBytes(StandardCharsets.ISO_8859_1),
        Arrays.copyOfRange(bytes, (int) goNote.offset(), (int) goNote.offset() + goNote.length()));
    assertEquals(20, ids.ranges().get(1).length(), "the GNU build ID is a SHA-1 sized bitstring");
  }

  @Test
  void aCodeChangeChangesTheDigest() throws Exception {
    var before = build("before");
    edit("\"listen address\"", "\"address to listen on\"");
    var after = build("after");
    assertNotEquals(BinaryDigest.of(before), BinaryDigest.of(after));
  }

  @Test
  void everyCopyOfTheGoBuildIdIsMaskedAndOtherFormatsAreHashedAsTheyAre() throws Exception {
    var binary = build("server");
    var id = goBuildId(binary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Files.readAllBytes(binary);
    int copyAt = bytes.length - 300_000; // across no boundary in particular: chunks are 256 KiB
    var withCopy = bytes.clone();
    System.arraycopy(id, 0, withCopy, copyAt, id.length);
    var otherId = bytes.clone();
    Arrays.fill(otherId, copyAt, copyAt + id.length, (byte) 0);
    Files.write(tmp.resolve("with-copy"), withCopy);
    Files.write(tmp.resolve("zeros"), otherId);
    assertEquals(
        BinaryDigest.of(tmp.resolve("zeros")), BinaryDigest.of(tmp.resolve("with-copy")));

    var script = tmp.resolve("script.sh");
    Files.writeString(script, "#!/bin/sh\necho hello\n");
    assertEquals(sha256(script), BinaryDigest.of(script).orElseThrow());
    assertTrue(BinaryDigest.of(tmp.resolve("missing")).isEmpty());
  }

  @Test
  void aBuildIdAcrossAChunkBorderIsMasked() throws Exception {
    var binary = build("server");
    var id = goBuildId(binary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Files.readAllBytes(binary);
    // A chunk's buffer holds CHUNK + id.length - 1 bytes: these copies cross the end of the first and second.
    int chunk = BinaryDigest.CHUNK;
    for (int copyAt : List.of(chunk + id.length - 11, 2 * chunk + id.length - 41)) {
      var withCopy = bytes.clone();
      System.arraycopy(id, 0, withCopy, copyAt, id.length);
      var zeros = bytes.clone();
      Arrays.fill(zeros, copyAt, copyAt + id.length, (byte) 0);
      Files.write(tmp.resolve("with-copy"), withCopy);
      Files.write(tmp.resolve("zeros"), zeros);
      assertEquals(
          BinaryDigest.of(tmp.resolve("zeros")),
          BinaryDigest.of(tmp.resolve("with-copy")),
          "copy at " + copyAt);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
