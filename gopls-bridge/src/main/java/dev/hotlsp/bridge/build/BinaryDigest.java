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
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The digest that says whether a binary is new: for an ELF file, the CRC-32C and the CRC-32 of its
 * bytes with its build IDs masked (zeros in place of the ELF build-ID notes' descriptors and of
 * every other copy of the Go build ID string, {@link ElfBuildIds}) and its length, so two builds of
 * the same code are equal whatever their comments; a file whose format this does not parse is
 * hashed as it is with SHA-256. Stateless.
 *
 * <p>Why CRCs and not SHA-256 for binaries: the digest only detects accidental change between two
 * builds of the same program by the same go, never an adversary (whoever can write the binary can
 * run anything). Two independent 32-bit CRCs plus the length miss a random change with a
 * probability of about 2<sup>-64</sup>, and a CRC catches every change confined to 32 consecutive
 * bits. It costs ~3 ms for a 9 MB binary under HotLSP's C1-only JVM, where SHA-256 (no intrinsic
 * in C1) took 125–135 ms on the path from save to restart. Both CRCs have intrinsics in C1.
 */
final class BinaryDigest {
  static final int CHUNK = 256 * 1024;

  private BinaryDigest() {}

  /** The hex digest of {@code file}, or empty if it cannot be read. */
  static Optional<String> of(Path file) {
    try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
      var ids = ElfBuildIds.read(channel);
      if (ids.isPresent()) {
        var crc32c = new CRC32C();
        var crc32 = new CRC32();
        long length = hash(channel, ids.get(), (bytes, from, n) -> {
          crc32c.update(bytes, from, n);
          crc32.update(bytes, from, n);
        });
        return Optional.of(String.format("elf-masked-crc32c-crc32-length:%08x%08x:%d",
            crc32c.getValue(), crc32.getValue(), length));
      }
      var digest = MessageDigest.getInstance("SHA-256");
      hash(channel, new ElfBuildIds(List.of(), ""), digest::update);
      return Optional.of(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /** Where the masked bytes go. */
  @FunctionalInterface
  private interface Sink {
    void update(byte[] bytes, int from, int length);
  }

  /**
   * Feeds the file chunk by chunk to {@code digest}, masked; returns its length. The last {@code
   * id.length - 1} bytes of a chunk are carried to the next one, so a copy of the Go build ID
   * across a chunk border is masked too.
   */
  private static long hash(FileChannel channel, ElfBuildIds ids, Sink digest) throws IOException {
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
        return start + held;
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
    // Horspool: the window's last byte says how far the next possible match is, so most of a
    // binary is skipped ~id.length bytes at a time; matches are found left to right, not overlapping
    int[] shift = new int[256];
    Arrays.fill(shift, id.length);
    for (int j = 0; j < id.length - 1; j++) {
      shift[id[j] & 0xff] = id.length - 1 - j;
    }
    for (int i = 0, last = length - id.length; i <= last; ) {
      if (matches(buffer, i, id)) {
        Arrays.fill(buffer, i, i + id.length, (byte) 0);
        i += id.length;
      } else {
        i += shift[buffer[i + id.length - 1] & 0xff];
      }
    }
  }

  private static boolean matches(byte[] buffer, int at, byte[] id) {
    return Arrays.equals(buffer, at, at + id.length, id, 0, id.length);
  }
}
