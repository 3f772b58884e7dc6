package dev.hotlsp.bridge.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The digest that says whether a binary is new: the SHA-256 of its bytes with its build IDs masked
 * (zeros in place of the ELF build-ID notes' descriptors and of every other copy of the Go build ID
 * string, {@link ElfBuildIds}), so two builds of the same code are equal whatever their comments;
 * a file whose format this does not parse is hashed as it is. Stateless.
 */
final class BinaryDigest {
  static final int CHUNK = 256 * 1024;

  private BinaryDigest() {}

  /** The hex digest of {@code file}, or empty if it cannot be read. */
  static Optional<String> of(Path file) {
    try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
      var ids = ElfBuildIds.read(channel).orElse(new ElfBuildIds(List.of(), ""));
      var digest = MessageDigest.getInstance("SHA-256");
      if (!ids.ranges().isEmpty()) {
        digest.update("elf-build-ids-masked\n".getBytes(StandardCharsets.US_ASCII));
      }
      hash(channel, ids, digest);
      return Optional.of(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /**
   * Hashes the file chunk by chunk; the last {@code id.length - 1} bytes of a chunk are carried to
   * the next one, so a copy of the Go build ID across a chunk border is masked too.
   */
  private static void hash(FileChannel channel, ElfBuildIds ids, MessageDigest digest)
      throws IOException {
    byte[] id = ids.goBuildId().getBytes(StandardCharsets.ISO_8859_1);
    int carry = Math.max(0, id.length - 1);
    var buffer = new byte[CHUNK + carry];
    int held = 0;
    long start = 0; // file offset of buffer[0]
    while (true) {
      int n = channel.read(ByteBuffer.wrap(buffer, held, buffer.length - held), start + held);
      if (n <= 0) {
        mask(buffer, held, start, ids.ranges(), id);
        digest.update(buffer, 0, held);
        return;
      }
      held += n;
      if (held < buffer.length) {
        continue;
      }
      mask(buffer, held, start, ids.ranges(), id);
      int done = held - carry;
      digest.update(buffer, 0, done);
      System.arraycopy(buffer, done, buffer, 0, carry);
      held = carry;
      start += done;
    }
  }

  /** Zeroes, in {@code buffer[0, length)} at file offset {@code start}, the ranges and the ID's copies. */
  private static void mask(byte[] buffer, int length, long start, List<ElfBuildIds.Range> ranges, byte[] id) {
    for (var range : ranges) {
      long from = Math.max(range.offset(), start);
      long to = Math.min(range.offset() + range.length(), start + length);
      for (long i = from; i < to; i++) {
        buffer[(int) (i - start)] = 0;
      }
    }
    if (id.length == 0) {
      return;
    }
    byte first = id[0];
    for (int i = 0, last = length - id.length; i <= last; i++) {
      if (buffer[i] == first && matches(buffer, i, id)) {
        Arrays.fill(buffer, i, i + id.length, (byte) 0);
        i += id.length - 1;
      }
    }
  }

  private static boolean matches(byte[] buffer, int at, byte[] id) {
    return Arrays.equals(buffer, at, at + id.length, id, 0, id.length);
  }
}
